using System.Globalization;

namespace Xfrm.Tests.Support;

/// <summary>Reads the golden captures under testdata/ (comment lines start with '#', then hex bytes).</summary>
internal static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    public static byte[] Hex(string name)
    {
        var bytes = new List<byte>();
        foreach (var line in File.ReadAllLines(PathOf(name)))
        {
            if (line.StartsWith('#'))
                continue;
            foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                bytes.Add(byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        Assert.NotEmpty(bytes);
        return bytes.ToArray();
    }

    /// <summary>The text file without its leading comment lines.</summary>
    public static string Text(string name) =>
        string.Join("", File.ReadAllLines(PathOf(name)).Where(l => !l.StartsWith('#')).Select(l => l + "\n"));
}
