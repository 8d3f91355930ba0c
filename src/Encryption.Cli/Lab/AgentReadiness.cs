using Encryption.Cli.Lab.Exec;
using Encryption.Cli.Status;
using System.Net.Sockets;

namespace Encryption.Cli.Lab;

/// <summary>
/// Waits until an agent is ready (by default: healthy, having applied a snapshot with every other node in it),
/// polling its status socket. Fails at once, with the end of its log, if the agent process exits.
/// </summary>
internal static class AgentReadiness
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Task WaitAsync(LabAgent agent, int expectedRemotes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        WaitAsync(agent, status => Healthy(status, expectedRemotes), timeout, time, cancellationToken);

    /// <summary>Healthy and sees <paramref name="expectedRemotes"/> remote nodes: null; else why not.</summary>
    public static string? Healthy(AgentStatus status, int expectedRemotes)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!status.Healthy)
            return $"{status.Health}: {string.Join("; ", status.Problems)}";
        return status.RemoteNodes == expectedRemotes ? null : $"sees {status.RemoteNodes} of {expectedRemotes} remote nodes";
    }

    /// <summary>Polls until <paramref name="notReady"/> returns null for the agent's status (else it says why not).</summary>
    public static async Task WaitAsync(LabAgent agent, Func<AgentStatus, string?> notReady, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(notReady);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var client = new AgentClient(agent.Socket, TimeSpan.FromSeconds(5));
        var last = "agent not listening yet";
        try
        {
            while (true)
            {
                if (!ProcessState.IsRunning(agent.Pid))
                    throw new InvalidOperationException($"agent {agent.Node} (pid {agent.Pid}) exited:\n{AgentLauncher.LogTail(agent.Log)}");

                if (File.Exists(agent.Socket))
                {
                    try
                    {
                        var status = await client.StatusAsync(linked.Token).ConfigureAwait(false);
                        if (notReady(status) is not { } reason)
                            return;
                        last = reason;
                    }
                    catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException)
                    {
                        last = e.Message;
                    }
                    catch (OperationCanceledException) when (!linked.IsCancellationRequested)
                    {
                        last = "a status request timed out (the agent is busy or the machine is loaded)";
                    }
                }

                await Task.Delay(PollInterval, time, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"agent {agent.Node} not ready after {timeout.TotalSeconds:0} s ({last}); log {agent.Log}:\n{AgentLauncher.LogTail(agent.Log)}");
        }
    }
}
