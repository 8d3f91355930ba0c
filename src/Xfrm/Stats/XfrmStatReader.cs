namespace Xfrm.Stats;

/// <summary>
/// Reads <c>/proc/net/xfrm_stat</c> (kernel built with <c>CONFIG_XFRM_STATISTICS</c>). The file shows the counters
/// of the reading thread's network namespace; give another path (e.g. under a test directory) to read a copy.
/// </summary>
public sealed class XfrmStatReader
{
    public const string DefaultPath = "/proc/net/xfrm_stat";

    public XfrmStatReader(string path = DefaultPath) => Path = path ?? throw new ArgumentNullException(nameof(path));

    public string Path { get; }

    /// <summary>Same as: <c>cat /proc/net/xfrm_stat</c>.</summary>
    public XfrmStatistics Read()
    {
        try
        {
            return XfrmStatistics.Parse(File.ReadAllText(Path));
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"{Path} does not exist: the kernel lacks CONFIG_XFRM_STATISTICS or XFRM", Path, e);
        }
    }
}
