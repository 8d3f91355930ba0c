using System.Runtime.CompilerServices;

namespace Encryption.Core.Tests.Support;

/// <summary>The checkout the tests were built from (linked into other test projects).</summary>
internal static class Repository
{
    /// <summary>The directory holding Encryption.sln, found upwards from this source file.</summary>
    public static string Root([CallerFilePath] string here = "")
    {
        for (var directory = Path.GetDirectoryName(here); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Join(directory, "Encryption.sln")))
                return directory;
        }

        throw new InvalidOperationException($"no Encryption.sln above {here}");
    }
}
