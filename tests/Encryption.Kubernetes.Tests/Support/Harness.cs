using Encryption.Core.Cluster;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Cluster;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Http;
using Encryption.Kubernetes.Informers;
using Encryption.Kubernetes.Tests.ApiServer;

namespace Encryption.Kubernetes.Tests.Support;

/// <summary>An API-server double, a client pointed at it, and fake time; optionally a running cluster source.</summary>
public sealed class Harness : IAsyncDisposable
{
    /// <summary>Fake-time limits far beyond any test, so only backoff and token reloads depend on <see cref="Time"/>.</summary>
    public static readonly InformerOptions Informer = new()
    {
        WatchTimeout = TimeSpan.FromHours(10),
        Backoff = new BackoffOptions { Initial = TimeSpan.FromSeconds(1), Maximum = TimeSpan.FromSeconds(8) },
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private Task? _run;

    private Harness(ApiServerDouble server, KubernetesClientConfig config)
    {
        Server = server;
        _http = KubernetesHttp.CreateClient(config);
        Client = new KubernetesApiClient(_http, new KubernetesApiClientOptions { RequestTimeout = TimeSpan.FromHours(10) }, Time);
    }

    public FakeTimeProvider Time { get; } = new();

    public ApiServerDouble Server { get; }

    public KubernetesApiClient Client { get; }

    public KubernetesClusterSource? Source { get; private set; }

    public ChangeRecorder? Changes { get; private set; }

    public Task? Run => _run;

    public static async Task<Harness> StartAsync(ApiServerDoubleOptions? options = null)
    {
        var server = await ApiServerDouble.StartAsync(options);
        return new Harness(server, new KubernetesClientConfig { Server = server.BaseAddress });
    }

    /// <summary>Starts a cluster source for <paramref name="nodeName"/> and waits until it has synced.</summary>
    public async Task<KubernetesClusterSource> StartSourceAsync(string nodeName = "node-a", Func<KubernetesSourceOptions, KubernetesSourceOptions>? configure = null)
    {
        var options = new KubernetesSourceOptions { NodeName = nodeName, Informer = Informer with { PageSize = 2 } };
        Source = new KubernetesClusterSource(Client, configure?.Invoke(options) ?? options, Time);
        Changes = new ChangeRecorder(Source.Changes(_stop.Token));
        _run = Source.RunAsync(_stop.Token);
        await Eventually.True(() => Changes.Count > 0, "the source to sync");
        return Source;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
            await _run;
        if (Changes is not null)
            await Changes.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Collects everything a source publishes, in order.</summary>
public sealed class ChangeRecorder : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ClusterChange> _changes = [];
    private readonly Task _pump;

    public ChangeRecorder(IAsyncEnumerable<ClusterChange> changes)
    {
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in changes)
                {
                    lock (_gate)
                        _changes.Add(change);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _changes.Count;
        }
    }

    public IReadOnlyList<ClusterChange> All
    {
        get
        {
            lock (_gate)
                return [.. _changes];
        }
    }

    /// <summary>Changes after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<ClusterChange> Since(int skip) => All.Skip(skip).ToList();

    public async ValueTask DisposeAsync() => await _pump;
}
