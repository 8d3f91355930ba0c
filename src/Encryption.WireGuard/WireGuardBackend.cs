using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Device;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Reconcile;
using Encryption.WireGuard.Routing;
using Encryption.WireGuard.Status;
using Encryption.WireGuard.StrictMode;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netlink;
using System.Net.Sockets;

namespace Encryption.WireGuard;

/// <summary>
/// The WireGuard backend: owns the node's key pair, publishes the public key as <c>network.cilium.io/wg-pub-key</c>,
/// and keeps one peer per remote node on <c>cilium_wg0</c> (kernel or wireguard-go), plus routes through the device and
/// the strict-mode table. <see cref="DisposeAsync"/> leaves the device and its peers in place, as
/// Cilium does, so traffic keeps flowing while the agent restarts. Call <see cref="ApplyAsync"/> only once the cluster
/// source has synced: peers of nodes missing from the snapshot are removed.
/// </summary>
public sealed class WireGuardBackend : IEncryptionBackend, IAsyncDisposable
{
    private readonly WireGuardOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly PrivateKeyFile keyFile;
    private readonly SemaphoreSlim gate = new(1, 1);
    private PrivateKey? key;
    private NetworkNamespace? networkNamespace;
    private NetlinkClient? rtnetlink;
    private DeviceReconciler? reconciler;
    private WireGuardGoProcess? ownProcess;
    private WireGuardDesiredState? lastDesired;
    private string? appliedRuleset;
    private long keyRotations;
    private long reconcileErrors;
    private long deviceOperations;
    private string? lastError;

    public WireGuardBackend(WireGuardOptions options, ILogger<WireGuardBackend>? logger = null, TimeProvider? time = null)
    {
        this.options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
        keyFile = new PrivateKeyFile(options.StateDirectory, options.LegacyStateDirectory);
    }

    public EncryptionType Type => EncryptionType.WireGuard;

    public WireGuardOptions Options => options;

    /// <summary>The public key this node publishes (available after <see cref="StartAsync"/>).</summary>
    public PublicKey PublicKey => (key ?? throw NotStarted()).PublicKey;

    /// <summary>Which transport reaches the device (after <see cref="StartAsync"/>).</summary>
    public WireGuardTransportKind? Transport => reconciler?.Client.Kind;

    /// <summary>The wireguard-go process this backend started, if it started one.</summary>
    public WireGuardGoProcess? UserspaceProcess => ownProcess;

    /// <summary>The last computed desired state (null before the first apply).</summary>
    public WireGuardDesiredState? LastDesired => lastDesired;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (loaded, origin) = keyFile.LoadOrCreate();
            key = loaded;
            Log.KeyLoaded(logger, origin, keyFile.Path, loaded.PublicKey);
            if (options.NetworkNamespace is { } name)
                networkNamespace = NetworkNamespace.FromName(name);
            rtnetlink = NetlinkClient.Open(NetlinkProtocol.Route, networkNamespace);
            var (client, started) = DeviceProvisioner.Ensure(options, networkNamespace, new LinkClient(rtnetlink), logger);
            ownProcess = started;
            reconciler = new DeviceReconciler(client, options.InterfaceName, logger);
            reconciler.ConfigureDeviceOnly(DesiredDevice());
            EnsureLink();
            if (options.ManageRoutes)
                EnsureRules();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Adds the public key annotation (published even when this node opts out of node encryption).</summary>
    public Node DecorateLocalNode(Node local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return local with { Annotations = local.Annotations.SetItem(WellKnown.WireGuardPublicKeyAnnotation, PublicKey.ToBase64()) };
    }

    public async Task ApplyAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var device = reconciler ?? throw NotStarted();
            var desired = DesiredStateBuilder.Compute(snapshot, options, PublicKey);
            ReportRejections(desired);
            try
            {
                var applied = device.Reconcile(desired, DesiredDevice());
                deviceOperations += applied.Count;
                var link = EnsureLink();
                if (options.ManageRoutes)
                    ReconcileRoutes(desired, link);
                ApplyStrictMode(snapshot);
                lastDesired = desired;
                lastError = null;
            }
            catch (Exception e) when (e is WireGuardException or NetlinkException or InvalidOperationException or IOException)
            {
                reconcileErrors++;
                lastError = e.Message;
                lastDesired = desired;
                Log.ReconcileFailed(logger, e);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Rotates the node's key pair on demand: a new key is persisted (atomically, 0600), then set on the device. Returns the
    /// new public key; the caller publishes <see cref="DecorateLocalNode"/> so every peer picks it up. Until a peer has
    /// the new key its handshakes with this node fail (WireGuard has one static key per device), so rotate one node at a time.
    /// </summary>
    public async Task<PublicKey> RotateKeyAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var device = reconciler ?? throw NotStarted();
            var rotated = keyFile.Rotate();
            var old = key;
            key = rotated;
            device.ConfigureDeviceOnly(DesiredDevice());
            old?.Dispose();
            keyRotations++;
            Log.KeyRotated(logger, rotated.PublicKey);
            return rotated.PublicKey;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<BackendStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var report = await GetReportAsync(cancellationToken).ConfigureAwait(false);
        return ToBackendStatus(report);
    }

    /// <summary>The generic status of one report (so a caller that also wants the metrics reads the device once).</summary>
    public static BackendStatus ToBackendStatus(WireGuardStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var health = report.Message is not null ? HealthState.Failed : report.Problems.IsEmpty ? HealthState.Ok : HealthState.Degraded;
        var json = StatusFormatter.EncryptionStatus(report, withPeers: true);
        return new BackendStatus(EncryptionType.WireGuard, health, StatusFormatter.EncryptStatus(report), json)
        {
            Problems = [.. report.Problems],
        };
    }

    /// <summary>The full report: feed it to <see cref="StatusFormatter"/> for the status line, JSON shapes and metrics.</summary>
    public async Task<WireGuardStatusReport> GetReportAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WireGuardDevice? device = null;
            string? error = null;
            try
            {
                device = (reconciler ?? throw NotStarted()).Client.GetDevice(options.InterfaceName);
            }
            catch (Exception e) when (e is WireGuardException or NetlinkException or InvalidOperationException)
            {
                error = e.Message;
            }

            return StatusBuilder.Build(device, error, lastDesired, options, time.GetUtcNow(),
                new AgentCounters(keyRotations, reconcileErrors, deviceOperations, lastError));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes sockets; leaves the device, peers, routes and rules in place (see <see cref="RemoveAsync"/>).</summary>
    public ValueTask DisposeAsync()
    {
        reconciler?.Client.Dispose();
        rtnetlink?.Dispose();
        networkNamespace?.Dispose();
        key?.Dispose();
        gate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes what this backend installed: strict-mode table, routes, rules, and a wireguard-go it started.</summary>
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (rtnetlink is not null)
                WireGuardHostState.Remove(rtnetlink, options, deleteDevice: false);
            else
                new NftablesRunner(options.NetworkNamespace).Apply(StrictModeRuleset.Remove());

            ownProcess?.Dispose();
            ownProcess = null;
        }
        finally
        {
            gate.Release();
        }
    }

    private DesiredDevice DesiredDevice() => new(key ?? throw NotStarted(), options.ListenPort, options.FirewallMark, options.PersistentKeepalive);

    private LinkInfo EnsureLink()
    {
        var links = new LinkClient(rtnetlink ?? throw NotStarted());
        var link = links.Find(options.InterfaceName)
            ?? throw new WireGuardDeviceNotFoundException($"link {options.InterfaceName} does not exist in the agent's network namespace");
        links.SetMtuAndUp(link, options.DeviceMtu);
        if (options.EnableIPv4)
            ReversePathFilter.Disable(options.InterfaceName, networkNamespace);
        return link;
    }

    private void EnsureRules()
    {
        var routes = new RouteClient(rtnetlink ?? throw NotStarted());
        foreach (var family in Families())
            routes.EnsureRule(family, options.FirewallMark, options.RouteTable, options.RulePriority);
    }

    private void ReconcileRoutes(WireGuardDesiredState desired, LinkInfo link)
    {
        var routes = new RouteClient(rtnetlink ?? throw NotStarted());
        EnsureRules();
        var plan = RoutePlan.Create(routes.DumpOwned(options.RouteTable), desired.Routes, link.Index);
        foreach (var destination in plan.Replace)
            routes.Replace(destination, link.Index, options.RouteTable);
        foreach (var destination in plan.Delete)
            routes.Delete(destination, options.RouteTable);
        if (!plan.IsEmpty)
            Log.RoutesChanged(logger, options.InterfaceName, plan.Replace.Count, plan.Delete.Count);
    }

    private void ApplyStrictMode(ClusterSnapshot snapshot)
    {
        var strict = options.StrictEgress;
        var ruleset = strict.Enabled || options.StrictIngress
            ? StrictModeRuleset.Render(new StrictModeInputs
            {
                DeviceName = options.InterfaceName,
                FirewallMark = options.FirewallMark,
                Cidrs = strict.Cidrs,
                LocalNodeAddresses = [.. snapshot.Local.Addresses],
                LocalPodCidrs = snapshot.Local.PodCidrs,
                RemoteNodeAddresses = strict.AllowRemoteNodeIdentities ? [.. snapshot.Remotes.Values.SelectMany(n => n.Addresses)] : [],
                Egress = strict.Enabled,
                Ingress = options.StrictIngress,
                RemotePodCidrs = [.. snapshot.Remotes.Values.SelectMany(n => n.PodCidrs)],
            })
            : StrictModeRuleset.Remove();
        if (ruleset == appliedRuleset)
            return;
        new NftablesRunner(options.NetworkNamespace).Apply(ruleset);
        appliedRuleset = ruleset;
        var enforced = (strict.Enabled, options.StrictIngress) switch
        {
            (true, true) => "egress and ingress enforced",
            (true, false) => "egress enforced",
            (false, true) => "ingress enforced",
            _ => "off",
        };
        Log.StrictModeApplied(logger, enforced, StrictModeRuleset.Table);
    }

    private void ReportRejections(WireGuardDesiredState desired)
    {
        foreach (var rejection in desired.Rejections.Where(r => r.IsError))
            Log.PeerRejected(logger, rejection.NodeName, rejection.Reason);
        foreach (var conflict in desired.Conflicts)
            Log.PrefixConflict(logger, conflict);
    }

    private IEnumerable<AddressFamily> Families() => WireGuardHostState.Families(options);

    private static InvalidOperationException NotStarted() => new("the WireGuard backend has not been started");
}
