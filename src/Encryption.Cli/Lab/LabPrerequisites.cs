namespace Encryption.Cli.Lab;

/// <summary>
/// What a backend needs on this host beyond the agent, checked before <c>lab up</c> creates anything. A backend can
/// be built into the agent and still unable to encrypt here (no ztunnel proxy binary, for instance).
/// </summary>
internal static class LabPrerequisites
{
    /// <summary>Null when the lab can run <paramref name="backend"/>, else why not.</summary>
    public static string? Missing(string backend, Func<string, string?> findOnPath)
    {
        ArgumentNullException.ThrowIfNull(findOnPath);
        return backend switch
        {
            // The agent is ztunnel's control plane; the data plane is Istio's ztunnel proxy, one per node.
            "ztunnel" when findOnPath("ztunnel") is null =>
                "backend ztunnel needs the ztunnel proxy (istio/ztunnel) on PATH for its data plane; it is not installed here",
            "ztunnel" => "backend ztunnel: the lab cannot launch the ztunnel proxy per node yet (not built)",
            _ => null,
        };
    }

    /// <summary>The first executable named <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
