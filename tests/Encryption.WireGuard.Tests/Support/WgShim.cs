namespace Encryption.WireGuard.Tests.Support;

/// <summary>Builds testdata/wgshim.c (an LD_PRELOAD stand-in for the kernel's wireguard genetlink family) and runs wg through it.</summary>
public sealed class WgShim : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wgshim-" + Guid.NewGuid().ToString("N")[..8]);

    public WgShim()
    {
        Processes.Require("gcc");
        Processes.Require("wg");
        Directory.CreateDirectory(directory);
        Library = Path.Combine(directory, "wgshim.so");
        Processes.Run("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-o", Library, TestData.PathOf("wgshim.c"), "-ldl");
    }

    public string Library { get; }

    /// <summary>Runs <c>wg ARGS</c>; the shim answers genetlink from <paramref name="dumpFile"/> and logs SETs to the returned list.</summary>
    public (string Stdout, string[] SetMessages) Run(string? dumpFile, params string[] arguments)
    {
        var log = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".log");
        var environment = new Dictionary<string, string> { ["LD_PRELOAD"] = Library, ["WGSHIM_LOG"] = log };
        if (dumpFile is not null)
            environment["WGSHIM_DUMP"] = dumpFile;
        var stdout = Processes.RunWithInput(null, environment, ["wg", .. arguments]);
        var sets = File.Exists(log) ? File.ReadAllLines(log).Where(l => l.Length > 0).ToArray() : [];
        return (stdout, sets);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
