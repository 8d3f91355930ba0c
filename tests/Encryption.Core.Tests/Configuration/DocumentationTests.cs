using System.Runtime.CompilerServices;
using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

public class DocumentationTests
{
    private static string Readme([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Join(Path.GetDirectoryName(here), "..", "..", "..", "src", "Encryption.Core", "README.md"));

    [Fact]
    public void EveryOptionIsInTheReadmeTableWithItsFlatKeyAndDefault()
    {
        var readme = Readme();

        Assert.All(OptionCatalog.All, d =>
        {
            var row = readme.Split('\n').SingleOrDefault(l => l.StartsWith($"| `{d.Key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"{d.Key} is not in the README table");
            if (d.FlatKey is not null)
                Assert.Contains($"`{d.FlatKey}`", row, StringComparison.Ordinal);
            if (d.Default.Length > 0)
                Assert.Contains($"`{d.Default}`", row, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryAliasIsInTheReadme()
    {
        var readme = Readme();

        // Dotted aliases are written grouped (encryption.strictMode.{enabled,cidr,...}): their last segment must appear.
        Assert.All(OptionCatalog.Aliases, a => Assert.Contains(
            a.Spelling.Contains('.', StringComparison.Ordinal) ? a.Spelling[(a.Spelling.LastIndexOf('.') + 1)..] : a.Spelling,
            readme,
            StringComparison.Ordinal));
    }
}
