using System.Text.Json.Serialization;

namespace Encryption.Cli.Lab;

/// <summary>One agent process of the lab.</summary>
internal sealed record LabAgent(string Node, int Pid, string Socket, string Log, string BootId);

/// <summary>One ztunnel proxy process of the lab (backend ztunnel, when a ztunnel binary was on PATH).</summary>
internal sealed record LabProxy(string Node, int Pid, string Log);

/// <summary>
/// What a lab created, written to <c>STATE_ROOT/NAME/state.json</c> after every step so that a crash mid-way
/// still leaves a record. <c>lab down</c> does not depend on it: it also finds leftovers by name.
/// </summary>
internal sealed record LabState
{
    public required string Name { get; init; }

    public required string Backend { get; init; }

    public required int Nodes { get; init; }

    public required int PodsPerNode { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>"creating" while <c>lab up</c> runs, "up" once every agent is ready.</summary>
    public string Phase { get; init; } = "creating";

    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public IReadOnlyList<LabAgent> Agents { get; init; } = [];

    /// <summary>The ztunnel proxies started per node; empty when none ran (the encrypted data path is not exercised).</summary>
    public IReadOnlyList<LabProxy> Proxies { get; init; } = [];

    [JsonIgnore]
    public LabTopology Topology => LabTopology.Create(new LabNames(Name), Nodes, PodsPerNode);
}
