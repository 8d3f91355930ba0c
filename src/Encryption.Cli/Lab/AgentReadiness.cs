using Encryption.Cli.Lab.Exec;
using Encryption.Cli.Status;
using System.Net.Sockets;

namespace Encryption.Cli.Lab;

/// <summary>
/// Waits until an agent is healthy and has applied a snapshot with every other node in it, polling its status
/// socket. Fails at once, with the end of its log, if the agent process exits.
/// </summary>
internal static class AgentReadiness
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task WaitAsync(LabAgent agent, int expectedRemotes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
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
                        if (status.Healthy && status.RemoteNodes == expectedRemotes)
                            return;
                        last = status.Healthy
                            ? $"sees {status.RemoteNodes} of {expectedRemotes} remote nodes"
                            : $"{status.Health}: {string.Join("; ", status.Problems)}";
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
