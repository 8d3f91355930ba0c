namespace Encryption.Cli.Lab;

/// <summary>
/// How to run the agent: <c>--agent PATH</c>, else <c>$ENCRYPT_AGENT</c>, else <c>encryption-agent.dll</c> next to
/// this CLI. A <c>.dll</c> runs through the dotnet host.
/// </summary>
internal sealed record AgentCommand(IReadOnlyList<string> Prefix)
{
    public const string EnvironmentVariable = "ENCRYPT_AGENT";
    public const string AgentFile = "encryption-agent.dll";

    /// <exception cref="FileNotFoundException">No agent where it was looked for.</exception>
    public static AgentCommand Resolve(string? explicitPath)
    {
        var path = explicitPath
            ?? Environment.GetEnvironmentVariable(EnvironmentVariable)
            ?? Path.Combine(AppContext.BaseDirectory, AgentFile);
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"the agent is not at {path}: build src/Encryption.Agent and pass --agent PATH (or set {EnvironmentVariable})", path);
        }

        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new AgentCommand([DotnetHost(), path])
            : new AgentCommand([path]);
    }

    /// <summary>The dotnet host running this CLI when it runs as <c>dotnet encrypt.dll</c>, else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }
}
