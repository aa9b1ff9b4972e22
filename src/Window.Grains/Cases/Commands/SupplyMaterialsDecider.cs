using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer records materials the talent supplied, deferred or asked for by a return (<see cref="SupplyMaterialsCommand"/>).</summary>
public static class SupplyMaterialsDecider
{
    /// <summary>The engine takes the materials (and resumes what waited for them).</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, SupplyMaterialsCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        return EngineDecisions.Apply(state, instance, new SupplyMaterials(command.Meta.Actor.User, command.Materials), command.Meta.Actor, context);
    }
}
