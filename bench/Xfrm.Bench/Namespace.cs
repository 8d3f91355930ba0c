using System.Diagnostics;
using Netlink;
using Xfrm.Client;

namespace Xfrm.Bench;

/// <summary>A fresh network namespace for one contender and size, with an XFRM client in it.</summary>
internal sealed class Namespace : IDisposable
{
    private readonly NetworkNamespace handle;

    public Namespace(string name)
    {
        Name = name;
        Run("ip", "netns", "add", name);
        handle = NetworkNamespace.FromName(name);
        Transport = new TimedTransport(NetlinkSocket.Open(NetlinkProtocol.Xfrm, networkNamespace: handle));
        RawClient = new NetlinkClient(Transport);
        Client = new XfrmClient(RawClient);
    }

    public string Name { get; }

    public XfrmClient Client { get; }

    /// <summary>The netlink client under <see cref="Client"/> (for dumps that skip decoding).</summary>
    public NetlinkClient RawClient { get; }

    /// <summary>The socket under <see cref="RawClient"/>, counting receives.</summary>
    public TimedTransport Transport { get; }

    public void Dispose()
    {
        Client.Dispose();
        handle.Dispose();
        Run("ip", "netns", "del", Name);
    }

    /// <summary>Runs a command, discarding its output; fails loudly on a non-zero exit.</summary>
    public static void Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        stdout.Wait();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments.Take(6))} ... exited {process.ExitCode}: {stderr.Result.Split('\n')[0]}");
    }
}
