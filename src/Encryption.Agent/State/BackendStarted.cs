namespace Encryption.Agent.State;

/// <summary>
/// Signals that the backend's StartAsync has completed. What the backend advertises (a WireGuard public key, an
/// IPsec key ID) exists only from then on, so the local node is published after it.
/// </summary>
internal sealed class BackendStarted
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => started.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => started.Task.WaitAsync(cancellationToken);
}
