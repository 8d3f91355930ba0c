namespace Encryption.Kubernetes.Config;

/// <summary>Supplies the bearer token for each request. Implementations never expose the token in
/// <see cref="object.ToString"/>, <see cref="Description"/> or exceptions.</summary>
public interface ITokenSource
{
    /// <summary>Where the token comes from, for messages: "token file /var/run/...", "kubeconfig user 'admin'".</summary>
    string Description { get; }

    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The server answered 401 with the current token: drop any cached copy so the next
    /// <see cref="GetTokenAsync"/> reads a fresh one. Returns false when there is nothing to reload.
    /// </summary>
    bool Invalidate();
}
