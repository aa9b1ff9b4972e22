using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;

namespace Window.Host.Tests.Faults;

/// <summary>
/// Fails the next calls of a case's commands with the exception a caller gets while a silo dies (silo unavailable, a
/// connection that failed, "Failed to address message", a timeout), before the grain runs them.
/// </summary>
public sealed class ClusterFaults : IIncomingGrainCallFilter
{
    private readonly Lock gate = new();
    private int remaining;
    private Func<Exception>? make;

    /// <summary>Registers the filter in the host's silo.</summary>
    public static void Install(IServiceCollection services, ClusterFaults faults) => services.AddSingleton<IIncomingGrainCallFilter>(faults);

    /// <summary>The next <paramref name="calls"/> case commands fail with <paramref name="exception"/>.</summary>
    public void FailNext(int calls, Func<Exception> exception)
    {
        lock (gate)
        {
            remaining = calls;
            make = exception;
        }
    }

    /// <summary>Case commands run again.</summary>
    public void Heal() => FailNext(0, () => new InvalidOperationException("healed"));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod?.DeclaringType == typeof(ICaseGrain) && context.MethodName == nameof(ICaseGrain.ExecuteAsync))
        {
            lock (gate)
            {
                if (remaining > 0)
                {
                    remaining--;
                    throw make!();
                }
            }
        }

        return context.Invoke();
    }
}
