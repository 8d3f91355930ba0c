using System.Diagnostics;
using System.Globalization;
using Netlink;
using Xfrm.Bench;
using Xfrm.Client;
using Xfrm.Codec;
using Xfrm.Wire;

// Bulk add, dump and delete of N XFRM states and N policies: this library (one pipelined batch per operation)
// next to `ip -batch` with the same objects, in the same kernel. Run inside user-mode-linux (states need ESP):
//   scripts/uml-run.sh -- dotnet <abs path>/Xfrm.Bench.dll [N ...]
// Prints a table and one JSON line per measurement.
// --library-only skips the ip -batch runs (for quick comparisons of library changes).
var libraryOnly = args.Contains("--library-only");
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var sizes = numbers.Length > 0 ? numbers.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 5_000, 20_000];
if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("Xfrm.Bench needs root (network namespaces, XFRM).");
    return 1;
}

var results = new List<Measurement>();
var workDirectory = Directory.CreateTempSubdirectory("xfrm-bench-");
try
{
    Warmup();
    foreach (var n in sizes)
    {
        results.AddRange(Library(n));
        if (!libraryOnly)
            results.AddRange(IpBatch(n, workDirectory.FullName));
        results.Add(DecodeOnly(n));
    }
}
finally
{
    workDirectory.Delete(recursive: true);
}

Console.WriteLine();
Console.WriteLine($"{"operation",-16} {"contender",-10} {"n",7} {"time",11} {"rate",15}");
foreach (var result in results)
    Console.WriteLine(result);
Console.WriteLine();
foreach (var size in libraryOnly ? [] : sizes)
{
    double Rate(string op, string who) => results.Single(r => r.Operation == op && r.Contender == who && r.Count == size).PerSecond;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"n={size}: state add {Rate("state-add", "library") / Rate("state-add", "ip-batch"):F1}x ip -batch (target 15x), " +
        $"policy add {Rate("policy-add", "library") / Rate("policy-add", "ip-batch"):F1}x (target 10x), " +
        $"state dump {Rate("state-dump", "library"):N0}/s, decode only {Rate("state-decode", "library"):N0}/s (target 200,000/s)"));
}

Console.WriteLine();
foreach (var result in results)
    Console.WriteLine(result.ToJson());
return 0;

static void Warmup()
{
    using var ns = new Namespace("bench-warmup");
    var states = Enumerable.Range(0, 200).Select(BenchObjects.State).ToList();
    var policies = Enumerable.Range(0, 200).Select(BenchObjects.Policy).ToList();
    ns.Client.Apply(states.Select(s => (XfrmChange)new XfrmChange.AddState(s)).Concat(policies.Select(p => new XfrmChange.AddPolicy(p))).ToList()).ThrowIfAnyFailed();
    _ = ns.Client.ListStates();
    _ = ns.Client.ListPolicies();
    _ = DecodeOnly(2000);
}

static IEnumerable<Measurement> Library(int n)
{
    using var ns = new Namespace($"bench-lib-{n}");
    var states = Enumerable.Range(0, n).Select(BenchObjects.State).ToList();
    var policies = Enumerable.Range(0, n).Select(BenchObjects.Policy).ToList();
    var stateAdds = states.Select(s => (XfrmChange)new XfrmChange.AddState(s)).ToList();
    var policyAdds = policies.Select(p => (XfrmChange)new XfrmChange.AddPolicy(p)).ToList();
    var stateDeletes = states.Select(s => (XfrmChange)new XfrmChange.DeleteState(s.Key)).ToList();
    var policyDeletes = policies.Select(p => (XfrmChange)new XfrmChange.DeletePolicy(p.Key)).ToList();

    yield return Time("state-add", "library", n, () => ns.Client.Apply(stateAdds).ThrowIfAnyFailed());
    var dumped = 0;
    yield return Time("state-dump", "library", n, () => dumped = ns.Client.ListStates().Count);
    Check(dumped == n, $"dumped {dumped} states, expected {n}");
    yield return Time("policy-add", "library", n, () => ns.Client.Apply(policyAdds).ThrowIfAnyFailed());
    yield return Time("policy-dump", "library", n, () => dumped = ns.Client.ListPolicies().Count);
    Check(dumped == n, $"dumped {dumped} policies, expected {n}");
    yield return Time("state-delete", "library", n, () => ns.Client.Apply(stateDeletes).ThrowIfAnyFailed());
    yield return Time("policy-delete", "library", n, () => ns.Client.Apply(policyDeletes).ThrowIfAnyFailed());
    Check(ns.Client.GetSadInfo().Count == 0 && ns.Client.GetSpdInfo().Total == 0, "objects left after the deletes");
}

static IEnumerable<Measurement> IpBatch(int n, string directory)
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
    yield return Time("state-add", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", stateAdd));
    yield return Time("state-dump", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "xfrm", "state", "list"));
    yield return Time("policy-add", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", policyAdd));
    yield return Time("policy-dump", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "xfrm", "policy", "list"));
    yield return Time("state-delete", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", stateDelete));
    yield return Time("policy-delete", "ip-batch", n, () => Namespace.Run("ip", "-n", ns.Name, "-batch", policyDelete));
    Check(ns.Client.GetSadInfo().Count == 0 && ns.Client.GetSpdInfo().Total == 0, "objects left after ip's deletes");
}

// Decoding alone: N kernel-shaped NEWSA messages (with the full 1024-packet ESN bitmap) parsed from memory.
static Measurement DecodeOnly(int n)
{
    var buffer = new byte[n * 640];
    var writer = new NetlinkWriter(buffer);
    for (var i = 0; i < n; i++)
    {
        var state = BenchObjects.State(i) with { ReplayEsn = BenchObjects.State(i).ReplayEsn! with { Bitmap = new uint[32] } };
        XfrmStateCodec.Encode(ref writer, state, XfrmMessageType.NewSa, XfrmAttributeLayout.KernelDump, NetlinkFlags.Multi);
    }

    var length = writer.Position;

    // Best of three passes over the same bytes (the machine is shared; the best pass is the parser's speed).
    Measurement? best = null;
    for (var pass = 0; pass < 3; pass++)
    {
        var decoded = 0;
        var stopwatch = Stopwatch.StartNew();
        var reader = new NetlinkMessageReader(buffer.AsSpan(0, length));
        while (reader.TryRead(out var message))
        {
            _ = XfrmStateCodec.Decode(message);
            decoded++;
        }

        stopwatch.Stop();
        Check(decoded == n, "decode count");
        var measurement = new Measurement("state-decode", "library", n, stopwatch.Elapsed.TotalSeconds);
        if (best is null || measurement.Seconds < best.Seconds)
            best = measurement;
    }

    Console.WriteLine(best);
    return best!;
}

static Measurement Time(string operation, string contender, int n, Action action)
{
    GC.Collect();
    var stopwatch = Stopwatch.StartNew();
    action();
    stopwatch.Stop();
    var measurement = new Measurement(operation, contender, n, stopwatch.Elapsed.TotalSeconds);
    Console.WriteLine(measurement);
    return measurement;
}

static void Check(bool condition, string message)
{
    if (!condition)
        throw new InvalidOperationException(message);
}
