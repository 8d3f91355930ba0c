using System.Diagnostics;
using System.Globalization;
using Netlink;
using Xfrm.Bench;
using Xfrm.Client;
using Xfrm.Codec;
using Xfrm.Model;
using Xfrm.Wire;

// Bulk add, dump and delete of N XFRM states and N policies: this library (one pipelined batch per operation)
// next to `ip -batch` with the same objects, in the same kernel. States need ESP/GCM, which the host kernel lacks,
// so run it inside user-mode-linux; bench/Xfrm.Bench/run.sh builds it and does exactly that:
//   bench/Xfrm.Bench/run.sh [--repeat R] [N ...]        (default: N = 1000 5000 20000, R = 3)
// Every operation runs R times (both contenders alike) and the fastest run is reported.
// Prints a table, the ratios to ip -batch against the targets, and one JSON line per measurement.
//   --library-only  skips the ip -batch runs (quick comparisons of library changes)
//   --decode-only   only parses kernel-shaped dump bytes from memory (no kernel, no root; runs anywhere)
// Besides add/dump/delete: state-dump-recv receives the state dump without decoding it (kernel + syscalls),
// state-dump-drop decodes every state but keeps none (what keeping them costs is the difference to state-dump).
// Library lines show sends/receives, time inside them, GCs and page faults; the probe lines at the start show what
// a page fault and a syscall cost on this machine (under user-mode-linux both are host context switches).
var libraryOnly = args.Contains("--library-only");
var decodeOnly = args.Contains("--decode-only");
var repeat = 3;
var sizeList = new List<int>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--repeat")
        repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (!args[i].StartsWith("--", StringComparison.Ordinal))
        sizeList.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
}

int[] sizes = sizeList.Count > 0 ? [.. sizeList] : [1_000, 5_000, 20_000];
if (!decodeOnly && !Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("Xfrm.Bench needs root (network namespaces, XFRM); --decode-only does not.");
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Xfrm.Bench: {Environment.ProcessorCount} CPU(s), kernel {Environment.OSVersion.Version}, .NET {Environment.Version}, " +
    $"best of {repeat} run(s), guest load {File.ReadAllText("/proc/loadavg").Trim()}"));

var samples = new List<Sample>();
var workDirectory = Directory.CreateTempSubdirectory("xfrm-bench-");
try
{
    if (!decodeOnly)
    {
        Probes.Run();
        Warmup();
    }

    _ = DecodeOnly(2000);
    foreach (var n in sizes)
    {
        for (var run = 0; run < repeat; run++)
        {
            if (!decodeOnly)
            {
                samples.AddRange(Library(n));
                if (!libraryOnly)
                    samples.AddRange(IpBatch(n, workDirectory.FullName));
            }

            samples.Add(DecodeOnly(n));
        }
    }
}
finally
{
    workDirectory.Delete(recursive: true);
}

var results = samples.GroupBy(s => (s.Operation, s.Contender, s.Count)).Select(Measurement.Best).ToList();
Console.WriteLine();
Console.WriteLine($"{"operation",-14} {"contender",-9} {"n",7} {"time",11} {"rate",14} {"allocated",11}");
foreach (var result in results.OrderBy(r => r.Count).ThenBy(r => r.Contender != "library").ThenBy(r => Order(r.Operation)))
    Console.WriteLine(result);
Console.WriteLine();
foreach (var size in decodeOnly ? [] : sizes)
{
    double Rate(string op, string who) => results.Single(r => r.Operation == op && r.Contender == who && r.Count == size).PerSecond;
    var dump = Rate("state-dump", "library");
    var line = libraryOnly
        ? string.Create(CultureInfo.InvariantCulture,
            $"n={size}: state dump {dump:N0}/s (target 200,000/s), receive only {Rate("state-dump-recv", "library"):N0}/s, " +
            $"decode only {Rate("state-decode", "library"):N0}/s")
        : string.Create(CultureInfo.InvariantCulture,
            $"n={size}: state add {Rate("state-add", "library") / Rate("state-add", "ip-batch"):F1}x ip -batch (target 15x), " +
            $"policy add {Rate("policy-add", "library") / Rate("policy-add", "ip-batch"):F1}x (target 10x), " +
            $"state delete {Rate("state-delete", "library") / Rate("state-delete", "ip-batch"):F1}x, " +
            $"policy delete {Rate("policy-delete", "library") / Rate("policy-delete", "ip-batch"):F1}x, " +
            $"state dump {dump:N0}/s (target 200,000/s; {dump / Rate("state-dump", "ip-batch"):F1}x ip), " +
            $"receive only {Rate("state-dump-recv", "library"):N0}/s, " +
            $"decode only {Rate("state-decode", "library"):N0}/s");
    Console.WriteLine(line);
}

Console.WriteLine();
foreach (var result in results)
    Console.WriteLine(result.ToJson());
return 0;

static int Order(string operation) => Array.IndexOf(
    ["state-add", "state-dump", "state-dump-recv", "state-dump-drop", "policy-add", "policy-dump", "state-delete", "policy-delete", "state-decode"], operation);

static void Warmup()
{
    using var ns = new Namespace("bench-warmup");
    var states = Enumerable.Range(0, 200).Select(BenchObjects.State).ToList();
    var policies = Enumerable.Range(0, 200).Select(BenchObjects.Policy).ToList();
    for (var round = 0; round < 3; round++)
    {
        ns.Client.Apply(states.Select(s => (XfrmChange)new XfrmChange.AddState(s)).Concat(policies.Select(p => new XfrmChange.AddPolicy(p))).ToList()).ThrowIfAnyFailed();
        _ = ns.Client.ListStates();
        _ = ns.Client.ListPolicies();
        ns.Client.Apply(states.Select(s => (XfrmChange)new XfrmChange.DeleteState(s.Key)).Concat(policies.Select(p => new XfrmChange.DeletePolicy(p.Key))).ToList()).ThrowIfAnyFailed();
    }
}

static IEnumerable<Sample> Library(int n)
{
    using var ns = new Namespace($"bench-lib-{n}");
    var states = Enumerable.Range(0, n).Select(BenchObjects.State).ToList();
    var policies = Enumerable.Range(0, n).Select(BenchObjects.Policy).ToList();
    var stateAdds = states.Select(s => (XfrmChange)new XfrmChange.AddState(s)).ToList();
    var policyAdds = policies.Select(p => (XfrmChange)new XfrmChange.AddPolicy(p)).ToList();
    var stateDeletes = states.Select(s => (XfrmChange)new XfrmChange.DeleteState(s.Key)).ToList();
    var policyDeletes = policies.Select(p => (XfrmChange)new XfrmChange.DeletePolicy(p.Key)).ToList();

    yield return Time("state-add", "library", n, () => ns.Client.Apply(stateAdds).ThrowIfAnyFailed(), transport: ns.Transport);
    var dumped = 0;
    yield return Time("state-dump", "library", n, () => dumped = ns.Client.ListStates().Count, transport: ns.Transport);
    Check(dumped == n, $"dumped {dumped} states, expected {n}");
    yield return Time("state-dump-recv", "library", n, () => dumped = CountStateReplies(ns.RawClient), transport: ns.Transport);
    Check(dumped == n, $"received {dumped} states, expected {n}");
    yield return Time("state-dump-drop", "library", n, () =>
    {
        dumped = 0;
        ns.Client.VisitStates(_ => dumped++);
    }, transport: ns.Transport);
    Check(dumped == n, $"decoded {dumped} states, expected {n}");
    yield return Time("policy-add", "library", n, () => ns.Client.Apply(policyAdds).ThrowIfAnyFailed(), transport: ns.Transport);
    yield return Time("policy-dump", "library", n, () => dumped = ns.Client.ListPolicies().Count, transport: ns.Transport);
    Check(dumped == n, $"dumped {dumped} policies, expected {n}");
    yield return Time("state-delete", "library", n, () => ns.Client.Apply(stateDeletes).ThrowIfAnyFailed(), transport: ns.Transport);
    yield return Time("policy-delete", "library", n, () => ns.Client.Apply(policyDeletes).ThrowIfAnyFailed(), transport: ns.Transport);
    Check(ns.Client.GetSadInfo().Count == 0 && ns.Client.GetSpdInfo().Total == 0, "objects left after the deletes");
}

static IEnumerable<Sample> IpBatch(int n, string directory)
{
    using var ns = new Namespace($"bench-ip-{n}");
    string Batch(string name, Func<int, string> line)
    {
        var path = Path.Combine(directory, $"{name}-{n}.batch");
        File.WriteAllLines(path, Enumerable.Range(0, n).Select(line));
        return path;
    }

    var stateAdd = Batch("state-add", BenchObjects.StateAddLine);
    var stateDelete = Batch("state-delete", BenchObjects.StateDeleteLine);
    var policyAdd = Batch("policy-add", BenchObjects.PolicyAddLine);
    var policyDelete = Batch("policy-delete", BenchObjects.PolicyDeleteLine);
    yield return Time("state-add", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", stateAdd), inProcess: false);
    Check(ns.Client.GetSadInfo().Count == n, "ip -batch did not add every state");
    yield return Time("state-dump", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "xfrm", "state", "list"), inProcess: false);
    yield return Time("policy-add", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", policyAdd), inProcess: false);
    Check(ns.Client.GetSpdInfo().Total == n, "ip -batch did not add every policy");
    yield return Time("policy-dump", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "xfrm", "policy", "list"), inProcess: false);
    yield return Time("state-delete", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", stateDelete), inProcess: false);
    yield return Time("policy-delete", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", policyDelete), inProcess: false);
    Check(ns.Client.GetSadInfo().Count == 0 && ns.Client.GetSpdInfo().Total == 0, "objects left after ip's deletes");
}

// The state dump as the kernel sends it, received into the client's buffer and not decoded: kernel + syscall time.
static int CountStateReplies(NetlinkClient client)
{
    var count = new int[1];
    client.DumpEach("state-dump-recv",
        static (ref NetlinkWriter w) => w.End(w.BeginMessage(XfrmMessageType.GetSa, NetlinkFlags.None)),
        count,
        static (message, c) =>
        {
            if (message.Header.Type == XfrmMessageType.NewSa)
                c[0]++;
        },
        static c => c[0] = 0);
    return count[0];
}

// Decoding alone: N kernel-shaped NEWSA messages (the selector's family set as the kernel sets it, the full
// 1024-packet ESN bitmap) parsed from memory the way a dump parses them (one XfrmDecodeCache per dump).
static Sample DecodeOnly(int n)
{
    var buffer = new byte[n * 640];
    var writer = new NetlinkWriter(buffer);
    for (var i = 0; i < n; i++)
    {
        var state = BenchObjects.State(i) with
        {
            Selector = new XfrmSelector { Family = XfrmFamily.IPv4 },
            ReplayEsn = BenchObjects.State(i).ReplayEsn! with { Bitmap = new uint[32] },
        };
        XfrmStateCodec.Encode(ref writer, state, XfrmMessageType.NewSa, XfrmAttributeLayout.KernelDump, NetlinkFlags.Multi);
    }

    var length = writer.Position;
    return Time("state-decode", "library", n, () =>
    {
        var decoded = 0;
        var cache = new XfrmDecodeCache();
        var reader = new NetlinkMessageReader(buffer.AsSpan(0, length));
        while (reader.TryRead(out var message))
        {
            _ = XfrmStateCodec.Decode(message, cache);
            decoded++;
        }

        Check(decoded == n, "decode count");
    });
}

static Sample Time(string operation, string contender, int n, Action action, bool inProcess = true, TimedTransport? transport = null)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();

    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var collections = GC.CollectionCount(0);
    var paused = GC.GetTotalPauseDuration();
    var faults = Probes.MinorFaults();
    transport?.Reset();
    var stopwatch = Stopwatch.StartNew();
    action();
    stopwatch.Stop();
    var sample = new Sample(operation, contender, n, stopwatch.Elapsed.TotalSeconds,
        inProcess ? GC.GetAllocatedBytesForCurrentThread() - allocated : null);
    Console.WriteLine(transport is null ? sample.ToString() : string.Create(CultureInfo.InvariantCulture,
        $"{sample}   [{transport.Sends} send, {Stopwatch.GetElapsedTime(0, transport.SendTicks).TotalSeconds:F3} s in send; " +
        $"{transport.Receives} recv, {transport.ReceivedBytes / Math.Max(1, transport.Receives):N0} B/recv, " +
        $"{Stopwatch.GetElapsedTime(0, transport.ReceiveTicks).TotalSeconds:F3} s in recv; " +
        $"{GC.CollectionCount(0) - collections} GCs, {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F3} s paused, " +
        $"{Probes.MinorFaults() - faults} page faults]"));
    return sample;
}


static void Check(bool condition, string message)
{
    if (!condition)
        throw new InvalidOperationException(message);
}
