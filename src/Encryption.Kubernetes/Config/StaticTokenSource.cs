namespace Encryption.Kubernetes.Config;

/// <summary>A token given inline (kubeconfig <c>users[].user.token</c>).</summary>
public sealed class StaticTokenSource : ITokenSource
{
    private readonly string _token;

    public StaticTokenSource(string token, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token.Trim();
        Description = description;
    }

    public string Description { get; }

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_token);

    public bool Invalidate() => false;

    public override string ToString() => Description;
}
