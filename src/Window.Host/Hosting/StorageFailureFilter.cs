using Window.Contracts;
using Window.Storage;

namespace Window.Host.Hosting;

/// <summary>
/// Nothing a grain throws leaves its silo as a driver exception: a database failure anywhere in the chain (the read model
/// behind a grain's port, a storage failure that Orleans wrapped) is replaced by its <see cref="StorageFailureException"/>,
/// which a caller on another silo can deserialize and log, instead of "Could not find a codec for type Npgsql...".
/// </summary>
internal sealed class StorageFailureFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var call = context.Invoke();
        return call.IsCompletedSuccessfully ? Task.CompletedTask : DescribedAsync(call, context.MethodName);
    }

    private static async Task DescribedAsync(Task call, string method)
    {
        try
        {
            await call;
        }
        catch (Exception exception) when (exception is not StorageFailureException && StorageFailures.Find(exception, method) is { } failure)
        {
            throw failure;
        }
    }
}
