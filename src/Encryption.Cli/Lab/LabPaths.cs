namespace Encryption.Cli.Lab;

/// <summary>Where one lab keeps its files: <c>STATE_ROOT/NAME/</c> with the state, the shared file store and per-node directories.</summary>
internal sealed record LabPaths(string StateRoot, string Lab)
{
    public string Directory => Path.Combine(StateRoot, Lab);

    public string StateFile => Path.Combine(Directory, "state.json");

    /// <summary>The shared file store: one JSON document per node (the lab's CiliumNode objects).</summary>
    public string Store => Path.Combine(Directory, "store");

    public string NodeDirectory(string node) => Path.Combine(Directory, "nodes", node);

    public string AgentSocket(string node) => Path.Combine(NodeDirectory(node), "agent.sock");

    public string AgentLog(string node) => Path.Combine(NodeDirectory(node), "agent.log");

    public string VerifyDirectory => Path.Combine(Directory, "verify");

    /// <summary>What every agent of this lab carries in its command line, so one whose namespace is gone is still found.</summary>
    public string AgentMarker => $"--store-dir {Store} ";
}
