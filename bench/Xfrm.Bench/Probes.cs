using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Xfrm.Bench;

/// <summary>
/// What the machine itself costs, to read the figures against: a first-touch page fault and a trivial syscall.
/// Under user-mode-linux both are host-level context switches (ptrace), so they dominate anything that touches
/// fresh memory or makes many syscalls.
/// </summary>
internal static partial class Probes
{
    /// <summary>Minor page faults of this process so far (field 10 of /proc/self/stat).</summary>
    public static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    /// <summary>Writes one byte per page of fresh anonymous memory and prints the cost per fault; then times getppid().</summary>
    public static unsafe void Run()
    {
        foreach (var megabytes in new[] { 4, 16 })
        {
            var bytes = (nuint)megabytes << 20;
            var faults = MinorFaults();
            var stopwatch = Stopwatch.StartNew();
            var memory = (byte*)NativeMemory.Alloc(bytes);
            for (nuint offset = 0; offset < bytes; offset += 4096)
                memory[offset] = 1;
            stopwatch.Stop();
            var touched = MinorFaults() - faults;
            NativeMemory.Free(memory);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  probe: {megabytes} MiB fresh memory touched in {stopwatch.Elapsed.TotalMilliseconds:F1} ms, {touched} page faults, " +
                $"{stopwatch.Elapsed.TotalMicroseconds / Math.Max(1, touched):F1} us/fault"));
        }

        const int calls = 2000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
            _ = getppid();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  probe: getppid() {clock.Elapsed.TotalMicroseconds / calls:F1} us/syscall"));
    }

    [LibraryImport("libc")]
    private static partial int getppid();
}
