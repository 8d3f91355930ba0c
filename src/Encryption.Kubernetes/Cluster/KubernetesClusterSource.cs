using Encryption.Core.Cluster;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Informers;
using Encryption.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Kubernetes.Cluster;

/// <summary>
/// The cluster as Kubernetes shows it: CiliumNodes → <see cref="Node"/>, Namespaces → <see cref="NamespaceInfo"/>,
/// Pods → <see cref="PodInfo"/>, each kept current by an <see cref="Informer{T}"/>. Changes are published only
/// once every watch has listed; each subscriber then starts with a <see cref="ClusterChange.Resynced"/>.
/// A relist after 410 Gone publishes the per-object differences (deletions included) and another
/// <see cref="ClusterChange.Resynced"/>. The agent writes only its own CiliumNode.
/// </summary>
public sealed class KubernetesClusterSource : IClusterSource
{
    private readonly KubernetesApiClient _client;
    private readonly KubernetesSourceOptions _options;
    private readonly ILogger _logger;
    private readonly Informer<CiliumNode> _nodes;
    private readonly Informer<KubernetesNamespace>? _namespaces;
    private readonly Informer<Pod>? _pods;
    private readonly Lock _gate = new();
    private readonly ClusterState _state = new();
    private readonly ChangeBroadcaster _broadcaster = new();
    private readonly HashSet<string> _unsynced = new(StringComparer.Ordinal);

    /// <summary>Invalid node ID annotations already warned about, by node: each value is logged once.</summary>
    private readonly Dictionary<string, string> _invalidNodeIds = new(StringComparer.Ordinal);
    private volatile ClusterView _current = ClusterView.Empty;
    private bool _synced;

    public KubernetesClusterSource(
        KubernetesApiClient client,
        KubernetesSourceOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.NodeName);
        var time = timeProvider ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<KubernetesClusterSource>();
        var informerLogger = loggerFactory.CreateLogger("Encryption.Kubernetes.Informers.Informer");

        _nodes = new Informer<CiliumNode>(client, ResourceTypes.CiliumNodes, options.Informer, time, informerLogger);
        _unsynced.Add(ResourceTypes.CiliumNodes.Resource.DisplayName);
        if (options.WatchNamespaces)
        {
            _namespaces = new Informer<KubernetesNamespace>(client, ResourceTypes.Namespaces, options.Informer, time, informerLogger);
            _unsynced.Add(ResourceTypes.Namespaces.Resource.DisplayName);
        }
        if (options.WatchPods)
        {
            var podOptions = options.Informer with { Query = options.Informer.Query with { FieldSelector = options.PodFieldSelector } };
            _pods = new Informer<Pod>(client, ResourceTypes.Pods, podOptions, time, informerLogger);
            _unsynced.Add(ResourceTypes.Pods.Resource.DisplayName);
        }
    }

    public ClusterView Current => _current;

    /// <summary>True once every watch has completed its first list.</summary>
    public bool IsSynced
    {
        get
        {
            lock (_gate)
                return _synced;
        }
    }

    public IAsyncEnumerable<ClusterChange> Changes(CancellationToken cancellationToken)
    {
        lock (_gate)
            return _broadcaster.Subscribe(_synced ? new ClusterChange.Resynced() : null, cancellationToken);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new List<Task> { Guard(_nodes.RunAsync(OnCiliumNode, stop.Token), stop) };
        if (_namespaces is not null)
            loops.Add(Guard(_namespaces.RunAsync(OnNamespace, stop.Token), stop));
        if (_pods is not null)
            loops.Add(Guard(_pods.RunAsync(OnPod, stop.Token), stop));
        await Task.WhenAll(loops).ConfigureAwait(false);

        // One loop failing stops the others, and the failure surfaces here.
        static async Task Guard(Task loop, CancellationTokenSource stop)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// What <see cref="PublishLocalNodeAsync"/> writes of <paramref name="local"/>: key ID, annotations (WireGuard key,
    /// node ID) and boot ID. Addresses, pod CIDRs and labels are Cilium's, so they never count as drift.
    /// </summary>
    public Node Publishable(Node local) => LocalNodePatch.Publishable(local, _options.PublishBootId);

    /// <summary>
    /// Merge-patches this agent's own CiliumNode (its annotations: WireGuard key and node ID; <c>spec.encryption.key</c>,
    /// <c>spec.bootid</c>) with only what differs; skipped when the watched object already says the same. Any other
    /// node is refused.
    /// Same as: <c>kubectl patch ciliumnode NAME --type=merge -p '{...}'</c>.
    /// </summary>
    public async Task PublishLocalNodeAsync(Node local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (!string.Equals(local.Name, _options.NodeName, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"Refusing to write CiliumNode '{local.Name}': this agent owns only CiliumNode '{_options.NodeName}'.");

        var current = _nodes.Items.GetValueOrDefault(local.Name);
        var patch = LocalNodePatch.Build(local, current, _options.PublishBootId);
        if (patch is null)
        {
            ClusterSourceLog.PublishUnchanged(_logger, local.Name);
            return;
        }

        try
        {
            await _client.PatchAsync(ResourceTypes.CiliumNodes, null, local.Name, patch, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound && _options.CreateLocalNodeIfMissing)
        {
            await _client.CreateAsync(ResourceTypes.CiliumNodes, LocalNodePatch.NewCiliumNode(local, _options.PublishBootId), cancellationToken)
                .ConfigureAwait(false);
            ClusterSourceLog.Created(_logger, local.Name);
        }
        ClusterSourceLog.Published(_logger, local.Name, local.IPsecKeyId, local.NodeId, local.WireGuardPublicKey is null ? "absent" : "present");
    }

    private ValueTask OnCiliumNode(InformerEvent<CiliumNode> e, CancellationToken cancellationToken) =>
        Apply(e, ResourceTypes.CiliumNodes.Resource, (state, node) =>
            {
                CheckNodeId(node);
                return state.SetNode(node.Metadata.Name ?? "", CiliumNodeMapper.ToNode(node, _options.UseCiliumInternalIP));
            },
            (state, node) =>
            {
                _invalidNodeIds.Remove(node.Metadata.Name ?? "");
                return state.SetNode(node.Metadata.Name ?? "", null);
            });

    /// <summary>Called under the lock: warns once per node and value about a node ID annotation that is not 1..65535.</summary>
    private void CheckNodeId(CiliumNode node)
    {
        var name = node.Metadata.Name ?? "";
        var text = CiliumNodeMapper.NodeIdText(node);
        if (text is null || CiliumNodeMapper.TryParseNodeId(text, out _))
        {
            _invalidNodeIds.Remove(name);
            return;
        }

        if (_invalidNodeIds.TryGetValue(name, out var warned) && warned == text)
            return;
        _invalidNodeIds[name] = text;
        ClusterSourceLog.InvalidNodeId(_logger, name, CiliumNodeMapper.NodeIdAnnotation, text);
    }

    private ValueTask OnNamespace(InformerEvent<KubernetesNamespace> e, CancellationToken cancellationToken) =>
        Apply(e, ResourceTypes.Namespaces.Resource, (state, ns) =>
            state.SetNamespace(ns.Metadata.Name ?? "", WorkloadMapper.ToNamespaceInfo(ns)),
            (state, ns) => state.SetNamespace(ns.Metadata.Name ?? "", null));

    private ValueTask OnPod(InformerEvent<Pod> e, CancellationToken cancellationToken) =>
        Apply(e, ResourceTypes.Pods.Resource, (state, pod) =>
            state.SetPod(pod.Metadata.Key, WorkloadMapper.ToPodInfo(pod)),
            (state, pod) => state.SetPod(pod.Metadata.Key, null));

    private ValueTask Apply<T>(
        InformerEvent<T> e,
        KubernetesResource resource,
        Func<ClusterState, T, IReadOnlyList<ClusterChange>> upsert,
        Func<ClusterState, T, IReadOnlyList<ClusterChange>> delete)
    {
        lock (_gate)
        {
            IReadOnlyList<ClusterChange> changes = e switch
            {
                InformerEvent<T>.Added added => upsert(_state, added.Object),
                InformerEvent<T>.Updated updated => upsert(_state, updated.New),
                InformerEvent<T>.Deleted deleted => delete(_state, deleted.Object),
                InformerEvent<T>.Resynced => Resynced(resource),
                _ => [],
            };
            _current = _state.View;
            if (_synced)
                _broadcaster.Publish(changes);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Called under the lock when a watch (re)listed.</summary>
    private IReadOnlyList<ClusterChange> Resynced(KubernetesResource resource)
    {
        if (_synced)
        {
            ClusterSourceLog.Resynced(_logger, resource.DisplayName);
            return [new ClusterChange.Resynced()];
        }
        _unsynced.Remove(resource.DisplayName);
        if (_unsynced.Count > 0)
            return [];
        _synced = true;
        var view = _state.View;
        ClusterSourceLog.Synced(_logger, view.Nodes.Count, view.Namespaces.Count, view.Pods.Count);
        return [new ClusterChange.Resynced()];
    }
}
