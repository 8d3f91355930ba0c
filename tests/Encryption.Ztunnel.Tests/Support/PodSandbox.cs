using System.Diagnostics;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>
/// A stand-in for a Kubernetes pod's sandbox on this host's real kernel: a process (sleep) in a network namespace,
/// moved into a cgroup named as the kubelet names a pod's (<c>.../pod&lt;uid&gt;/CONTAINER</c>).
/// Removed on dispose.
/// </summary>
public sealed class PodSandbox : IDisposable
{
    /// <summary>Where the tests' pod cgroups go (the kubelet's would be kubepods/besteffort); removed once empty.</summary>
    private const string TestParent = "kubepods-encryption-tests";

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
        PodSandbox? sandbox = null;
        var failures = new List<string>();
        try
        {
            // The first hierarchy that takes the process: the cgroup2 mount, else a cgroup v1 controller.
            foreach (var root in CgroupRoots())
            {
                var podCgroup = Path.Join(root, TestParent, "pod" + uid);
                var container = Path.Join(podCgroup, "sandbox");
                try
                {
                    Directory.CreateDirectory(container);
                    File.WriteAllText(Path.Join(container, "cgroup.procs"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    sandbox = new PodSandbox(process, podCgroup, uid);
                    break;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failures.Add($"{root}: {e.Message}");
                    RemoveDirectories(container, podCgroup, Path.Join(root, TestParent));
                }
            }

            Assert.True(sandbox is not null, "no cgroup hierarchy takes a process: " + string.Join("; ", failures));
            Assert.Contains("pod" + uid, File.ReadAllText($"/proc/{process.Id}/cgroup"), StringComparison.Ordinal);
            // nsenter execs sleep: the pid stays; wait until it has entered the namespace.
            if (netns is not null)
                WaitUntilIn(process.Id, netns);
        }
        catch
        {
            if (sandbox is not null)
                sandbox.Dispose();
            else
                Stop(process);
            throw;
        }

        return sandbox;
    }

    public void Dispose()
    {
        Stop(_process);
        RemoveDirectories(Path.Join(_podCgroup, "sandbox"), _podCgroup, Path.GetDirectoryName(_podCgroup)!);
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill();
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private static void RemoveDirectories(params string[] directories)
    {
        foreach (var directory in directories)
        {
            try
            {
                if (Directory.Exists(directory))
                    Directory.Delete(directory);
            }
            catch (IOException)
            {
                // not empty: another test's pod is still there
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

    /// <summary>Mounted cgroup hierarchies, cgroup2 first, then cgroup v1's pids controller, then the others.</summary>
    private static IEnumerable<string> CgroupRoots()
    {
        var mounts = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 3).ToList();
        return mounts.Where(f => f[2] == "cgroup2").Select(f => f[1])
            .Concat(mounts.Where(f => f[2] == "cgroup" && f[3].Split(',').Contains("pids")).Select(f => f[1]))
            .Concat(mounts.Where(f => f[2] == "cgroup").Select(f => f[1]))
            .Distinct();
    }
}
