using System.Diagnostics;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>
/// A stand-in for a Kubernetes pod's sandbox on this host's real kernel: a process (sleep) in a network namespace,
/// moved into a cgroup named as the kubelet's cgroupfs driver names a pod's (<c>kubepods/besteffort/pod&lt;uid&gt;</c>).
/// Removed on dispose.
/// </summary>
public sealed class PodSandbox : IDisposable
{
    private readonly Process _process;
    private readonly string _podCgroup;

    private PodSandbox(Process process, string podCgroup, string uid)
    {
        _process = process;
        _podCgroup = podCgroup;
        Uid = uid;
    }

    public string Uid { get; }

    public int Pid => _process.Id;

    /// <summary>Starts the process in <paramref name="netns"/> (null: the host's) inside the pod's cgroup.</summary>
    public static PodSandbox Start(TestNetns? netns)
    {
        var uid = Guid.NewGuid().ToString();
        var start = netns is null ? new ProcessStartInfo("sleep", ["600"]) : new ProcessStartInfo("nsenter", [$"--net={netns.Path}", "sleep", "600"]);
        var process = Process.Start(start)!;
        var podCgroup = Path.Join(CgroupRoot(), "kubepods", "besteffort", "pod" + uid);
        var sandbox = new PodSandbox(process, podCgroup, uid);
        try
        {
            var container = Path.Join(podCgroup, "sandbox");
            Directory.CreateDirectory(container);
            File.WriteAllText(Path.Join(container, "cgroup.procs"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // nsenter execs sleep: the pid stays; wait until it is in the namespace (its ns/net differs or is the host's).
            Assert.Contains("pod" + uid, File.ReadAllText($"/proc/{process.Id}/cgroup"), StringComparison.Ordinal);
            if (netns is not null)
                WaitUntilIn(process.Id, netns);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }

        return sandbox;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        foreach (var directory in new[] { Path.Join(_podCgroup, "sandbox"), _podCgroup })
        {
            try
            {
                if (Directory.Exists(directory))
                    Directory.Delete(directory);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void WaitUntilIn(int pid, TestNetns netns)
    {
        var want = TestNetns.Inode(netns.Path);
        for (var i = 0; i < 500 && TestNetns.Inode($"/proc/{pid}/ns/net") != want; i++)
            Thread.Sleep(10);
        Assert.Equal(want, TestNetns.Inode($"/proc/{pid}/ns/net"));
    }

    /// <summary>A writable cgroup hierarchy: the cgroup2 mount if there is one, else cgroup v1's pids controller.</summary>
    private static string CgroupRoot()
    {
        var mounts = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 3).ToList();
        var root = mounts.FirstOrDefault(f => f[2] == "cgroup2")?[1]
            ?? mounts.FirstOrDefault(f => f[2] == "cgroup" && f[3].Split(',').Contains("pids"))?[1];
        Assert.True(root is not null, "no cgroup2 or cgroup v1 pids hierarchy mounted");
        return root!;
    }
}
