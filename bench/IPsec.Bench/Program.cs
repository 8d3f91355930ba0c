using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Encryption.Core.Cluster;
using Encryption.IPsec;
using Encryption.IPsec.Backend;
using Encryption.IPsec.Desired;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Reconcile;
using IPsec.Bench;
using Microsoft.Extensions.Logging.Abstractions;
using Netlink;
using Xfrm.Client;

// The IPsec backend converging a cluster of N remote nodes (they need not exist) in a fresh network namespace:
// cold (empty kernel), a no-op resync, one node added, one removed; next to one netlink call per object (Cilium's
// pattern) for the same objects. Needs ESP in the kernel: run in UML (see README.md).
var remotes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var results = new List<(string Operation, string Contender, int Objects, int Writes, double Milliseconds)>();
var work = Directory.CreateTempSubdirectory("ipsec-bench-");
var keyFile = Path.Combine(work.FullName, "keys");
File.WriteAllText(keyFile, "3+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n");
File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

var snapshot = BenchCluster.Snapshot(remotes);
if (args.Length > 1 && args[1] == "pure")
{
    // Only the pure part (no kernel): where CPU time goes, on any kernel.
    var pureRing = Encryption.IPsec.Rotation.KeyRing.Empty.Load(Encryption.IPsec.Keys.KeyFileParser.ParseCurrent(File.ReadAllText(keyFile)), DateTimeOffset.UtcNow);
    for (var round = 0; round < 3; round++)
    {
        var t = Stopwatch.StartNew();
        var plan = TunnelPlanner.Plan(snapshot, pureRing, new IPsecPlanOptions());
        var planMs = t.Elapsed.TotalMilliseconds;
        t.Restart();
        var desired = DesiredXfrmBuilder.Build(plan, pureRing, Encryption.Core.Configuration.IPsecPolicyMode.Selector);
        var desiredMs = t.Elapsed.TotalMilliseconds;
        t.Restart();
        var diff = XfrmDiff.Compute(desired, desired.States, desired.Policies);
        var diffMs = t.Elapsed.TotalMilliseconds;
        t.Restart();
        for (var i = 0; i < 10000; i++)
            _ = Encryption.IPsec.Keys.KeyDerivation.Derive(pureRing.Current!.Algorithm, System.Net.IPAddress.Loopback, System.Net.IPAddress.Broadcast, "6a1b2c3d-0000-4000-8000-000000000001", "6a1b2c3d-0000-4000-8000-000000000002");
        var options = new IPsecPlanOptions();
        var view = DesiredView.Build(snapshot, pureRing, options, [], null);
        var grownPure = snapshot with { Remotes = snapshot.Remotes.Add(BenchCluster.Node(remotes + 2).Name, BenchCluster.Node(remotes + 2)) };
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        t.Restart();
        var differences = NodeChurn.Differences(snapshot.Remotes, grownPure.Remotes);
        var churn = NodeChurn.Describe(differences).Count();
        var churnMs = t.Elapsed.TotalMilliseconds;
        t.Restart();
        var next = DesiredView.Build(grownPure, pureRing, options, [], view, differences);
        var buildMs = t.Elapsed.TotalMilliseconds;
        t.Restart();
        var delta = next.ChangesFrom(view);
        var deltaMs = t.Elapsed.TotalMilliseconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine($"round {round}: node add: churn {churnMs:F2} ms, view {buildMs:F2} ms, changes {deltaMs:F2} ms ({delta.Count}), {allocated:N0} bytes allocated");
        Console.WriteLine($"round {round}: plan {planMs:F1} ms, desired {desiredMs:F1} ms, diff {diffMs:F1} ms ({diff.Count}), 10k derivations {t.Elapsed.TotalMilliseconds:F1} ms, gen0 {GC.CollectionCount(0)} gen2 {GC.CollectionCount(2)}");
    }

    return 0;
}
var grown = snapshot with { Remotes = snapshot.Remotes.Add(BenchCluster.Node(remotes + 2).Name, BenchCluster.Node(remotes + 2)) };
var shrunk = snapshot with { Remotes = snapshot.Remotes.Remove(BenchCluster.Node(2).Name) };

// Warm-up: the same code paths on a small cluster in a scratch namespace, so the figures below are not JIT time.
using (var ns = new BenchNamespace("ipsec-bench-warmup"))
{
    var small = BenchCluster.Snapshot(100);
    var warmDir = Directory.CreateDirectory(Path.Combine(work.FullName, "warmup")).FullName;
    await using var warm = new IPsecBackend(
        new IPsecBackendOptions { KeyFilePath = keyFile, WatchKeyFile = false, StateDirectory = warmDir },
        NullLogger<IPsecBackend>.Instance, TimeProvider.System, () => XfrmClient.Open(ns.Handle));
    await warm.StartAsync(CancellationToken.None);
    for (var round = 0; round < 3; round++)
    {
        await warm.ApplyAsync(small, fullPass: true, CancellationToken.None);
        await warm.ApplyAsync(small with { Remotes = small.Remotes.Remove(BenchCluster.Node(2).Name) }, fullPass: false, CancellationToken.None);
        await warm.ApplyAsync(small, fullPass: false, CancellationToken.None);
    }

    var ring = warm.Ring;
    var plan = TunnelPlanner.Plan(small, ring, new IPsecPlanOptions());
    var desired = DesiredXfrmBuilder.Build(plan, ring, Encryption.Core.Configuration.IPsecPolicyMode.Selector);
    using var probe = XfrmClient.Open(ns.Handle);
    _ = XfrmDiff.Compute(desired, probe.ListStates(XfrmOwnership.StateFilter), probe.ListPolicies(XfrmOwnership.PolicyFilter));

    // And the full-size pure work twice, so the heap the measured passes use is already mapped (in UML every first
    // touch of a page is a trap to the guest kernel, ~10x the cost of the same code on a real kernel).
    for (var round = 0; round < 2; round++)
    {
        var fullPlan = TunnelPlanner.Plan(snapshot, ring, new IPsecPlanOptions());
        var full = DesiredXfrmBuilder.Build(fullPlan, ring, Encryption.Core.Configuration.IPsecPolicyMode.Selector);
        _ = XfrmDiff.Compute(full, full.States, full.Policies);
    }
}

using (var ns = new BenchNamespace("ipsec-bench-agent"))
{
    await using var backend = new IPsecBackend(
        new IPsecBackendOptions { KeyFilePath = keyFile, WatchKeyFile = false, StateDirectory = work.FullName },
        NullLogger<IPsecBackend>.Instance, TimeProvider.System, () => XfrmClient.Open(ns.Handle));
    await backend.StartAsync(CancellationToken.None);

    await Measure("cold converge", snapshot, full: true);
    await Measure("no-op resync", snapshot, full: true);
    await Measure("no-op resync", snapshot, full: true);
    await Measure("no-op event", snapshot, full: false);
    await Measure("node added", grown, full: false);
    await Measure("node removed", snapshot, full: false);
    await Measure("node removed", shrunk, full: false);
    await Measure("node added", snapshot, full: false);
    await Measure("no-op resync", snapshot, full: true);

    // Where a full pass spends its time.
    var ring = backend.Ring;
    var t = Stopwatch.StartNew();
    var plan = TunnelPlanner.Plan(snapshot, ring, new IPsecPlanOptions());
    Record("breakdown: plan", "agent", plan.Tunnels.Length, 0, t.Elapsed.TotalMilliseconds);
    t.Restart();
    var desired = DesiredXfrmBuilder.Build(plan, ring, Encryption.Core.Configuration.IPsecPolicyMode.Selector);
    Record("breakdown: desired", "agent", desired.States.Length + desired.Policies.Length, 0, t.Elapsed.TotalMilliseconds);
    using var probe = XfrmClient.Open(ns.Handle);
    t.Restart();
    var states = probe.ListStates(XfrmOwnership.StateFilter);
    Record("breakdown: dump states", "agent", states.Count, 0, t.Elapsed.TotalMilliseconds);
    t.Restart();
    var policies = probe.ListPolicies(XfrmOwnership.PolicyFilter);
    Record("breakdown: dump policies", "agent", policies.Count, 0, t.Elapsed.TotalMilliseconds);
    t.Restart();
    var diff = XfrmDiff.Compute(desired, states, policies);
    Record("breakdown: diff", "agent", diff.Changes.Length, 0, t.Elapsed.TotalMilliseconds);

    async Task Measure(string operation, ClusterSnapshot target, bool full)
    {
        var clock = Stopwatch.StartNew();
        await backend.ApplyAsync(target, full, CancellationToken.None);
        clock.Stop();
        var last = backend.LastReconcile!;
        Record(operation, full ? "agent (full pass)" : "agent (incremental)", target.Remotes.Count, last.Writes, clock.Elapsed.TotalMilliseconds);
    }
}

// One call per object, as Cilium's agent does: the same desired set, each object its own request and ack.
using (var ns = new BenchNamespace("ipsec-bench-percall"))
{
    var ring = Encryption.IPsec.Rotation.KeyRing.Empty.Load(Encryption.IPsec.Keys.KeyFileParser.ParseCurrent(File.ReadAllText(keyFile)), DateTimeOffset.UtcNow);
    var clock = Stopwatch.StartNew();
    var plan = TunnelPlanner.Plan(snapshot, ring, new IPsecPlanOptions());
    var desired = DesiredXfrmBuilder.Build(plan, ring, Encryption.Core.Configuration.IPsecPolicyMode.Selector);
    using var client = XfrmClient.Open(ns.Handle);
    foreach (var state in desired.States)
        client.AddState(state);
    foreach (var policy in desired.Policies)
        client.UpdatePolicy(policy);
    clock.Stop();
    Record("cold converge", "one call per object", desired.States.Length + desired.Policies.Length, desired.States.Length + desired.Policies.Length, clock.Elapsed.TotalMilliseconds);
}

work.Delete(recursive: true);

Console.WriteLine();
Console.WriteLine($"{"operation",-26} {"contender",-22} {"objects",8} {"writes",7} {"ms",10}");
foreach (var r in results)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Operation,-26} {r.Contender,-22} {r.Objects,8} {r.Writes,7} {r.Milliseconds,10:F1}"));
return 0;

void Record(string operation, string contender, int objects, int writes, double milliseconds)
{
    results.Add((operation, contender, objects, writes, milliseconds));
    Console.WriteLine(JsonSerializer.Serialize(new { bench = "ipsec", operation, contender, remotes, objects, writes, ms = Math.Round(milliseconds, 2) }));
}

/// <summary>A fresh network namespace, deleted afterwards.</summary>
internal sealed class BenchNamespace : IDisposable
{
    public BenchNamespace(string name)
    {
        Name = name;
        Run("ip", "netns", "del", name, check: false);
        Run("ip", "netns", "add", name);
        Handle = NetworkNamespace.FromName(name);
    }

    public string Name { get; }

    public NetworkNamespace Handle { get; }

    public void Dispose()
    {
        Handle.Dispose();
        Run("ip", "netns", "del", Name, check: false);
    }

    private static void Run(string file, string a, string b, string c, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file) { ArgumentList = { a, b, c } })!;
        process.WaitForExit();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {a} {b} {c} exited {process.ExitCode}");
    }
}
