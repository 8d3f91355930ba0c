using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Encryption.Core.Keys;
using Encryption.IPsec.Backend;
using Encryption.IPsec.Diagnostics;
using Encryption.IPsec.Keys;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Reconcile;
using Encryption.IPsec.Rotation;
using Encryption.IPsec.Status;
using Encryption.IPsec.StrictMode;
using Microsoft.Extensions.Logging;
using Netlink;
using Xfrm.Client;
using Xfrm.Stats;

namespace Encryption.IPsec;

/// <summary>
/// The IPsec backend: keys from the pre-shared key file (watched), per-tunnel XFRM states and policies reconciled
/// against the kernel (dump, diff, one pipelined batch), loss-free rotation, strict-mode egress, status.
/// <list type="number">
/// <item>A new key in the file becomes current; IN states for every held key are installed with the next apply.</item>
/// <item>Only after an apply succeeded is the current key ID advertised on the local node (so peers switch their OUT
/// to a key this node can already decrypt).</item>
/// <item>OUT towards a peer uses the key that peer advertises (<see cref="RotationPolicy.OutKeyFor"/>).</item>
/// <item>A superseded key is dropped once neither this node nor any peer advertises it for the settle time, at the
/// latest after the rotation duration; the key ring (with those times) survives agent restarts.</item>
/// </list>
/// Stopping the agent leaves the kernel objects in place, so traffic keeps flowing while it restarts.
/// </summary>
public sealed class IPsecBackend : IEncryptionBackend, IBackendSignals, IAsyncDisposable
{
    private readonly IPsecBackendOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Func<XfrmClient> openClient;
    private readonly KeyRingStore store;
    private readonly RotationPolicy rotation;
    private readonly XfrmStatReader statReader;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private XfrmClient? client;
    private KeyRing ring = KeyRing.Empty;
    private int advertised;
    private ImmutableSortedDictionary<string, Node>? lastRemotes;
    private ImmutableArray<IPAddress> localAddresses = [];
    private DesiredView? lastView;
    private DesiredView? installed;
    private DateTimeOffset lastFullPass = DateTimeOffset.MinValue;
    private XfrmReconcileResult? lastResult;
    private string? keyFileProblem;
    private ITimer? deadlineTimer;
    private Task watchTask = Task.CompletedTask;

    public IPsecBackend(IPsecBackendOptions options, ILogger<IPsecBackend> logger, TimeProvider time, Func<XfrmClient>? openClient = null, XfrmStatReader? statReader = null)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.openClient = openClient ?? (() => XfrmClient.Open());
        this.statReader = statReader ?? new XfrmStatReader();
        store = new KeyRingStore(options.KeyRingPath);
        rotation = RotationPolicy.For(options.RotationDuration);
    }

    public EncryptionType Type => EncryptionType.IPsec;

    public event EventHandler<string>? ApplyRequested;

    public event EventHandler? AdvertisementChanged;

    /// <summary>Rotation, churn and failures, for <c>diagnose</c>.</summary>
    public IPsecEventLog Events { get; } = new();

    /// <summary>The key ID on the local node object (0 before the first successful apply).</summary>
    public byte AdvertisedKeyId => (byte)Volatile.Read(ref advertised);

    /// <summary>The last reconcile pass (what it found and changed), null before the first apply.</summary>
    public XfrmReconcileResult? LastReconcile => lastResult;

    /// <summary>The keys held now, newest last.</summary>
    public KeyRing Ring => ring;

    /// <exception cref="KeyFileException">The key file is missing or malformed (every problem named, no key material).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var keys = await ReadKeyFileAsync(cancellationToken).ConfigureAwait(false);
        client = openClient();
        var now = time.GetUtcNow();
        var stored = store.Load(out var problem);
        if (problem is not null)
            Record(IPsecEvent.KeyRefused, problem);
        ring = LoadAll(stored ?? KeyRing.Empty, keys, now, out var refused);
        if (refused is not null && stored is not null)
        {
            // A length change across an agent restart is how Cilium says to change algorithms: start from the file alone.
            Record(IPsecEvent.KeyRefused, $"{refused}; the saved key ring is discarded");
            ring = LoadAll(KeyRing.Empty, keys, now, out _);
        }

        await store.SaveAsync(ring, cancellationToken).ConfigureAwait(false);
        LogKeyLoaded();
        if (options.WatchKeyFile)
            watchTask = WatchKeyFileAsync(stopping.Token);
    }

    public Node DecorateLocalNode(Node local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return local with { IPsecKeyId = AdvertisedKeyId };
    }

    /// <exception cref="XfrmReconcileException">Some changes were refused by the kernel (each named); the rest applied.</exception>
    public Task ApplyAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken) => ApplyAsync(snapshot, fullPass: false, cancellationToken);

    /// <summary>
    /// Like <see cref="ApplyAsync(ClusterSnapshot, CancellationToken)"/>; <paramref name="fullPass"/> forces a dump of the kernel and a
    /// full diff (otherwise chosen by <see cref="IPsecBackendOptions.FullResyncInterval"/>).
    /// </summary>
    /// <exception cref="XfrmReconcileException">Some changes were refused by the kernel (each named); the rest applied.</exception>
    public async Task ApplyAsync(ClusterSnapshot snapshot, bool fullPass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var xfrm = client ?? throw new InvalidOperationException("IPsec backend not started");
        var advertisementChanged = false;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.StrictEgress.CheckNodeAddress(snapshot.Local.IPv4) is { } strictError)
                throw new InvalidOperationException(strictError);
            // One walk over the remote nodes serves the events and, when the view to build on saw the same nodes, the view.
            var previous = installed ?? lastView;
            var differences = NodeChurn.Differences(lastRemotes, snapshot.Remotes);
            foreach (var (kind, detail) in NodeChurn.Describe(differences))
                Record(kind, detail);
            var known = previous is not null && ReferenceEquals(previous.Remotes, lastRemotes) ? differences : null;
            lastRemotes = snapshot.Remotes;
            localAddresses = [.. snapshot.Local.Addresses];

            var now = time.GetUtcNow();
            var next = AgeKeys(ring, snapshot, now);
            var view = DesiredView.Build(snapshot, next, new IPsecPlanOptions { Mode = options.Mode, NodeEncryption = options.NodeEncryption },
                StrictEgressPolicies.Build(options.StrictEgress, snapshot), previous, known);
            var result = Reconcile(xfrm, view, now, fullPass);

            if (!ReferenceEquals(next, ring))
            {
                ring = next;
                await store.SaveAsync(ring, cancellationToken).ConfigureAwait(false);
            }

            lastView = view;
            lastResult = result;
            if (result.Writes > 0)
            {
                var summary = result.Changes.ToString();
                IPsecBackendLog.Reconciled(logger, summary, view.Tunnels, view.SkippedCount);
            }
            if (!result.Succeeded)
            {
                Record(IPsecEvent.ReconcileFailed, new XfrmReconcileException(result).Message);
                throw new XfrmReconcileException(result);
            }

            var current = ring.Current!.Spi;
            if (AdvertisedKeyId != current)
            {
                Volatile.Write(ref advertised, current);
                advertisementChanged = true;
                IPsecBackendLog.Advertised(logger, current);
                Record(IPsecEvent.KeyAdvertised, $"key {current} advertised on the local node (IN states installed)");
            }

            ScheduleDeadline(now);
        }
        finally
        {
            gate.Release();
        }

        if (advertisementChanged)
            AdvertisementChanged?.Invoke(this, EventArgs.Empty);
    }

    public async Task<BackendStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var report = await GetReportAsync(cancellationToken).ConfigureAwait(false);
        var json = IPsecStatusRenderer.Json(report.Report);
        var ipsec = json["ipsec"] as JsonObject ?? [];
        if (json["ipsec"] is null)
            ipsec["decrypt-interfaces"] = new JsonArray();
        ipsec["key-ids"] = new JsonArray([.. report.Report.KeyIds.Select(k => JsonValue.Create((int)k))]);
        ipsec["advertised-key-id"] = (int)report.Report.AdvertisedKeyId;
        ipsec["xfrm-states"] = new JsonObject { ["in"] = report.Counts.StatesIn, ["out"] = report.Counts.StatesOut };
        ipsec["xfrm-policies"] = new JsonObject { ["in"] = report.Counts.PoliciesIn, ["out"] = report.Counts.PoliciesOut, ["fwd"] = report.Counts.PoliciesForward };
        ipsec["tunnels"] = report.Tunnels;
        ipsec["skipped-peers"] = new JsonArray([.. report.Skipped.Select(s => (JsonNode)new JsonObject { ["node"] = s.Name, ["reason"] = s.Reason })]);
        ipsec["events"] = new JsonArray([.. Events.Snapshot().Select(e => (JsonNode)e.ToJson())]);
        json["ipsec"] = ipsec;
        var problems = report.Report.Messages;
        var health = lastResult is { Succeeded: false } ? HealthState.Degraded : problems.IsEmpty ? HealthState.Ok : HealthState.Degraded;
        return new BackendStatus(EncryptionType.IPsec, health, IPsecStatusRenderer.Text(report.Report), json) { Problems = [.. problems] };
    }

    /// <summary>The report behind <c>status</c>, read from the kernel now.</summary>
    public async Task<IPsecBackendReport> GetReportAsync(CancellationToken cancellationToken)
    {
        var xfrm = client ?? throw new InvalidOperationException("IPsec backend not started");
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var states = xfrm.ListStates(XfrmOwnership.StateFilter);
            var policies = xfrm.ListPolicies(XfrmOwnership.PolicyFilter);
            var messages = ImmutableArray.CreateBuilder<string>();
            if (keyFileProblem is not null)
                messages.Add(keyFileProblem);
            foreach (var skipped in lastView?.Skipped ?? [])
                messages.Add($"peer {skipped.Name} not encrypted: {skipped.Reason}");
            if (lastResult is { Succeeded: false } failed)
                messages.Add(new XfrmReconcileException(failed).Message);
            var report = IPsecStatusBuilder.Build(new IPsecStatusInput
            {
                States = [.. states],
                Policies = [.. policies],
                Counters = ReadCounters(messages),
                LocalAddresses = localAddresses,
                DecryptInterfaces = InterfacesHolding(localAddresses),
                KeyIds = [.. ring.Keys.Select(k => k.Spi)],
                AdvertisedKeyId = AdvertisedKeyId,
                Messages = messages.ToImmutable(),
                SequenceWarningFraction = options.SequenceWarningFraction,
            });
            return new IPsecBackendReport(report, IPsecStatusBuilder.Count(states, policies, localAddresses), lastView?.Tunnels ?? 0, [.. lastView?.Skipped ?? []]);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await watchTask.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        if (deadlineTimer is not null)
            await deadlineTimer.DisposeAsync().ConfigureAwait(false);
        client?.Dispose();
        stopping.Dispose();
        gate.Dispose();
    }

    private async Task<IReadOnlyList<IPsecKey>> ReadKeyFileAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(options.KeyFilePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"cannot read the IPsec key file {options.KeyFilePath}: {e.Message}", e);
        }

        return KeyFileParser.Parse(text, options.KeyFilePath);
    }

    private static KeyRing LoadAll(KeyRing start, IReadOnlyList<IPsecKey> keys, DateTimeOffset now, out string? refused)
    {
        refused = null;
        var result = start;
        try
        {
            foreach (var key in keys)
                result = result.Load(key, now);
            return result;
        }
        catch (KeyRotationRefusedException e)
        {
            refused = e.Message;
            return start;
        }
    }

    private async Task WatchKeyFileAsync(CancellationToken cancellationToken)
    {
        var watcher = new KeyFileWatcher(options.KeyFilePath, time, logger, options.KeyFilePollInterval);
        try
        {
            await foreach (var snapshot in watcher.WatchAsync(cancellationToken).ConfigureAwait(false))
                await OnKeyFileAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task OnKeyFileAsync(KeyFileSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!snapshot.Exists)
        {
            Refuse($"the key file {options.KeyFilePath} is missing; the keys in force stay in force");
            return;
        }

        IReadOnlyList<IPsecKey> keys;
        try
        {
            keys = KeyFileParser.Parse(snapshot.Text, options.KeyFilePath);
        }
        catch (KeyFileException e)
        {
            Refuse(e.Message);
            return;
        }

        var changed = false;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = LoadAll(ring, keys, time.GetUtcNow(), out var refused);
            if (refused is not null)
            {
                Refuse(refused);
                return;
            }

            keyFileProblem = null;
            if (!ReferenceEquals(next, ring))
            {
                ring = next;
                changed = true;
                await store.SaveAsync(ring, cancellationToken).ConfigureAwait(false);
                LogKeyLoaded();
                Record(IPsecEvent.Rotation, $"key {ring.Current!.Spi} in force ({ring.Current.Algorithm.Describe()}); holding keys {HeldKeys()}");
            }
        }
        finally
        {
            gate.Release();
        }

        if (changed)
            ApplyRequested?.Invoke(this, "IPsec key file changed");
    }

    private void Refuse(string reason)
    {
        keyFileProblem = $"key file refused, keys in force kept: {reason}";
        IPsecBackendLog.KeyRefused(logger, reason);
        Record(IPsecEvent.KeyRefused, reason);
    }

    /// <summary>
    /// A full pass (dump, diff, apply) when nothing is known to be installed or the last one is older than
    /// <see cref="IPsecBackendOptions.FullResyncInterval"/>: it repairs drift and stale objects from before a restart.
    /// Otherwise only the difference from what the last successful pass installed, without a dump. Any failure
    /// forgets what is installed, so the next pass is a full one.
    /// </summary>
    private XfrmReconcileResult Reconcile(XfrmClient xfrm, DesiredView view, DateTimeOffset now, bool fullPass)
    {
        var reconciler = new XfrmReconciler(xfrm);
        XfrmReconcileResult result;
        if (fullPass || installed is null || now - lastFullPass >= options.FullResyncInterval)
        {
            result = reconciler.Reconcile(view.All());
            lastFullPass = now;
        }
        else
        {
            try
            {
                result = reconciler.Apply(view.ChangesFrom(installed));
            }
            catch (NetlinkResyncRequiredException)
            {
                result = reconciler.Reconcile(view.All());
                lastFullPass = now;
            }
        }

        installed = result.Succeeded ? view : null;
        return result;
    }

    /// <summary>Marks keys nobody advertises any more and drops those the rotation policy lets go.</summary>
    private KeyRing AgeKeys(KeyRing current, ClusterSnapshot snapshot, DateTimeOffset now)
    {
        var mine = AdvertisedKeyId;
        var next = current.MarkPeersMoved(spi => spi == mine || snapshot.Remotes.Values.Any(n => n.IPsecKeyId == spi), now);
        var pruned = next.Prune(e => rotation.CanRemove(e, now));
        foreach (var gone in next.Entries.Except(pruned.Entries))
        {
            var reason = gone.PeersMovedAt is { } moved && now - moved >= rotation.SettleTime && now - gone.SupersededAt!.Value < rotation.RotationDuration
                ? "every node moved to a newer key"
                : $"rotation duration {options.RotationDuration} elapsed";
            IPsecBackendLog.KeyRemoved(logger, gone.Key.Spi, reason);
            Record(IPsecEvent.KeyRemoved, $"key {gone.Key.Spi} removed: {reason}");
        }

        return next.Entries.SequenceEqual(current.Entries) && pruned.Entries.Count == next.Entries.Count ? current : pruned;
    }

    private void ScheduleDeadline(DateTimeOffset now)
    {
        deadlineTimer?.Dispose();
        deadlineTimer = null;
        if (rotation.NextDeadline(ring) is not { } deadline)
            return;
        var due = deadline - now;
        deadlineTimer = time.CreateTimer(_ => ApplyRequested?.Invoke(this, "IPsec key rotation deadline"), null,
            due < TimeSpan.Zero ? TimeSpan.Zero : due + TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
    }

    private XfrmStatistics? ReadCounters(ImmutableArray<string>.Builder messages)
    {
        try
        {
            return statReader.Read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            messages.Add($"XFRM counters unavailable ({statReader.Path}: {e.Message})");
            return null;
        }
    }

    private static ImmutableArray<string> InterfacesHolding(ImmutableArray<IPAddress> addresses)
    {
        if (addresses.IsEmpty)
            return [];
        return [.. NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.GetIPProperties().UnicastAddresses.Any(a => addresses.Contains(a.Address)))
            .Select(i => i.Name)
            .Order(StringComparer.Ordinal)];
    }

    private void LogKeyLoaded()
    {
        var current = ring.Current!;
        var algorithm = current.Algorithm.Describe();
        var held = HeldKeys();
        IPsecBackendLog.KeyLoaded(logger, current.Spi, algorithm, held);
    }

    private string HeldKeys() => string.Join(",", ring.Keys.Select(k => k.Spi));

    private void Record(string kind, string detail)
    {
        Events.Add(new IPsecEvent(time.GetUtcNow(), kind, detail));
        IPsecBackendLog.Event(logger, kind, detail);
    }
}

/// <summary>The status report plus the per-direction counts and the plan's peers.</summary>
public sealed record IPsecBackendReport(IPsecStatusReport Report, IPsecObjectCounts Counts, int Tunnels, ImmutableArray<SkippedNode> Skipped);
