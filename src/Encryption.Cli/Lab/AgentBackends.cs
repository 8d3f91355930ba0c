using Encryption.Cli.Lab.Exec;

namespace Encryption.Cli.Lab;

/// <summary>Asks the agent binary which backends it was built with (<c>encryption-agent backends</c>), so <c>lab up</c> fails before creating anything.</summary>
internal static class AgentBackends
{
    public static async Task<IReadOnlyList<string>> ListAsync(AgentCommand agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var result = await ProcessRunner.RunAsync(agent.Prefix[0], [.. agent.Prefix.Skip(1), "backends"], cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
