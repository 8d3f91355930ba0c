namespace Encryption.Cli.Lab;

/// <summary>The arguments of <c>lab up</c>.</summary>
internal sealed record LabUpRequest
{
    public required string Name { get; init; }

    public required string StateRoot { get; init; }

    public int Nodes { get; init; } = 3;

    public int PodsPerNode { get; init; } = 1;

    public string Backend { get; init; } = "none";

    public string? AgentPath { get; init; }

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Extra agent flags for every node (<c>--agent-arg</c>), appended after the lab's own.</summary>
    public IReadOnlyList<string> AgentArguments { get; init; } = [];

    /// <summary>Leave what was created in place when <c>lab up</c> fails (to inspect it); <c>lab down</c> removes it.</summary>
    public bool KeepOnFailure { get; init; }
}
