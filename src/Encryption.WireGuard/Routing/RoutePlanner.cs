using System.Net;

namespace Encryption.WireGuard.Routing;

/// <summary>Routes to add (or repoint) and to delete, additions first. Pure.</summary>
public sealed record RoutePlan(IReadOnlyList<IPNetwork> Replace, IReadOnlyList<IPNetwork> Delete)
{
    public bool IsEmpty => Replace.Count == 0 && Delete.Count == 0;

    /// <summary>
    /// Compares the routes this agent owns in its table with the wanted destinations through the device
    /// <paramref name="interfaceIndex"/>. A route through another interface (the device was recreated) is replaced.
    /// </summary>
    public static RoutePlan Create(IEnumerable<(IPNetwork Destination, int OutputInterface)> observed, IEnumerable<IPNetwork> desired, int interfaceIndex)
    {
        var current = observed.ToDictionary(r => r.Destination, r => r.OutputInterface);
        var wanted = desired.ToHashSet();
        return new RoutePlan(
            [.. wanted.Where(d => !current.TryGetValue(d, out var oif) || oif != interfaceIndex).Order(Desired.PrefixComparer.Instance)],
            [.. current.Keys.Where(d => !wanted.Contains(d)).Order(Desired.PrefixComparer.Instance)]);
    }
}
