namespace Encryption.Kubernetes.Config;

/// <summary>
/// A token read from a file and re-read every <see cref="ReloadInterval"/> or after a 401: projected
/// service-account tokens are bound and rotated by the kubelet (client-go re-reads them every minute).
/// </summary>
public sealed class FileTokenSource : ITokenSource
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public FileTokenSource(string path, TimeProvider timeProvider, TimeSpan? reloadInterval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        ReloadInterval = reloadInterval ?? TimeSpan.FromMinutes(1);
    }

    public TimeSpan ReloadInterval { get; }

    public string Description => $"token file {_path}";

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_token is not null && now - _readAt < ReloadInterval)
                return _token;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Cannot read the bearer token from {_path}: {e.Message}", e);
        }

        var token = text.Trim();
        if (token.Length == 0)
            throw new KubernetesConfigException($"The bearer token file {_path} is empty.");
        lock (_gate)
        {
            _token = token;
            _readAt = now;
        }
        return token;
    }

    public bool Invalidate()
    {
        lock (_gate)
            _token = null;
        return true;
    }

    public override string ToString() => Description;
}
