namespace Encryption.Cli.Lab.Ztunnel;

/// <summary>
/// Starts a node's ztunnel inside the node's network namespace, detached like the agents (own session, output
/// appended to <c>nodes/NODE/ztunnel.log</c>). Not covered by tests: no ztunnel binary can be installed here.
/// </summary>
internal static class ZtunnelProxyLauncher
{
    public static async Task<LabProxy> StartAsync(string binary, LabNode node, LabPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        var command = ZtunnelProxyCommand.For(binary, node, paths);
        var log = ZtunnelProxyCommand.Log(node, paths);
        var pid = await AgentLauncher.LaunchAsync(command.CommandLine(), node.Namespace, log, cancellationToken).ConfigureAwait(false);
        return new LabProxy(node.Name, pid, log);
    }
}
