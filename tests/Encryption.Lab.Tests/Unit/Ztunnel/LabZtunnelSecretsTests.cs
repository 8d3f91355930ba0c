using Encryption.Cli.Lab.Ztunnel;
using Encryption.Core.Tests.Support;
using Encryption.Ztunnel.Secrets;
using System.Security.Cryptography.X509Certificates;

namespace Encryption.Lab.Tests.Unit.Ztunnel;

/// <summary>The lab's cilium-ztunnel-secrets, made in C# as scripts/generate-ztunnel-secrets.sh makes them with openssl.</summary>
public sealed class LabZtunnelSecretsTests : IDisposable
{
    private readonly string directory = Path.Combine(Directory.CreateTempSubdirectory("lab-zt-secrets-").FullName, "ztunnel-secrets");

    [Fact]
    public async Task TheFourFilesLoadInTheAgentWithoutWarningsAndTheKeysAreReadableOnlyByRoot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        await LabZtunnelSecrets.CreateAsync(directory, time, CancellationToken.None);

        using var secrets = ZtunnelSecrets.Load(directory, time);
        Assert.Empty(secrets.Warnings);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "bootstrap-private.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "ca-private.key")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(Path.Combine(directory, "ca-private.key")));
    }

    [Fact]
    public async Task TheBootstrapCertificateIsALocalhostServerLeafAndTheRootIsACa()
    {
        await LabZtunnelSecrets.CreateAsync(directory, TimeProvider.System, CancellationToken.None);

        using var bootstrap = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(directory, "bootstrap-root.crt")));
        using var root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(directory, "ca-root.crt")));
        Assert.Equal("O=cluster.local", bootstrap.Subject);
        Assert.Contains("localhost", bootstrap.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.False(bootstrap.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Contains(bootstrap.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(root.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(root.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Equal(2048, root.GetRSAPublicKey()!.KeySize);
    }

    [Fact]
    public async Task ExistingSecretsAreKept()
    {
        await LabZtunnelSecrets.CreateAsync(directory, TimeProvider.System, CancellationToken.None);
        var before = await File.ReadAllTextAsync(Path.Combine(directory, "ca-root.crt"));

        await LabZtunnelSecrets.CreateAsync(directory, TimeProvider.System, CancellationToken.None);

        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(directory, "ca-root.crt")));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
}
