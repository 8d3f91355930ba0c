namespace Encryption.WireGuard.Tests.Support;

/// <summary>Files under testdata/ (copied next to the test assembly).</summary>
internal static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>One hex-encoded message per line.</summary>
    public static byte[][] HexLines(string name) =>
        [.. File.ReadAllLines(PathOf(name)).Where(l => l.Length > 0).Select(Convert.FromHexString)];
}
