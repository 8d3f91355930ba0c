using System.Security.Cryptography;
using Encryption.Ztunnel.Secrets;
using Encryption.Ztunnel.Tests.Support;

namespace Encryption.Ztunnel.Tests;

public sealed class SecretsTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Theory]
    [InlineData(false, TestPki.KeyFormat.Pkcs8, false, TestPki.KeyFormat.Pkcs8)]
    [InlineData(false, TestPki.KeyFormat.Pkcs1, false, TestPki.KeyFormat.Pkcs1)]
    [InlineData(true, TestPki.KeyFormat.Pkcs8, true, TestPki.KeyFormat.Sec1)]
    [InlineData(true, TestPki.KeyFormat.Sec1, false, TestPki.KeyFormat.Pkcs8)]
    public void LoadsRsaAndEcdsaKeysInPkcs8Pkcs1AndSec1(bool ecdsaCa, TestPki.KeyFormat caFormat, bool ecdsaBootstrap, TestPki.KeyFormat bootstrapFormat)
    {
        using var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path, ecdsaCa, caFormat, ecdsaBootstrap, bootstrapFormat);

        using var secrets = ZtunnelSecrets.Load(dir.Path, Clock);

        Assert.True(secrets.CaCertificate.HasPrivateKey);
        Assert.True(secrets.BootstrapCertificate.HasPrivateKey);
        Assert.Contains("BEGIN CERTIFICATE", secrets.TrustBundlePem, StringComparison.Ordinal);
        Assert.Empty(secrets.Warnings);
    }

    [Fact]
    public async Task FilesFromTheGenerateScriptLoad()
    {
        using var dir = new TempDirectory();
        var script = Path.Combine(AppContext.BaseDirectory, "scripts", "generate-ztunnel-secrets.sh");
        var result = await Encryption.Ztunnel.Enrollment.CommandRunner.RunAsync("bash", [script, dir.Path], null, CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.StandardError);

        using var secrets = ZtunnelSecrets.Load(dir.Path, Clock);

        Assert.Empty(secrets.Warnings);
        Assert.Equal("PRIVATE KEY", PemFile.Read(dir.File(ZtunnelSecretFiles.CaKey))[0].Label);
        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(dir.File(ZtunnelSecretFiles.CaKey)));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceNamingFileAndCause()
    {
        using var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path);
        File.Delete(dir.File(ZtunnelSecretFiles.BootstrapKey));
        File.WriteAllText(dir.File(ZtunnelSecretFiles.CaCertificate), "garbage\n");

        var e = Assert.Throws<ZtunnelSecretsException>(() => ZtunnelSecrets.Load(dir.Path, Clock));

        Assert.Contains(e.Problems, p => p.Path.EndsWith(ZtunnelSecretFiles.BootstrapKey, StringComparison.Ordinal) && p.Problem == "file does not exist");
        Assert.Contains(e.Problems, p => p.Path.EndsWith(ZtunnelSecretFiles.CaCertificate, StringComparison.Ordinal) && p.Problem.Contains("no PEM block", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyOfAnotherCertificateIsRefused()
    {
        using var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path);
        using var other = RSA.Create(2048);
        File.WriteAllText(dir.File(ZtunnelSecretFiles.CaKey), other.ExportPkcs8PrivateKeyPem());

        var e = Assert.Throws<ZtunnelSecretsException>(() => ZtunnelSecrets.Load(dir.Path, Clock));

        var problem = Assert.Single(e.Problems);
        Assert.Contains("does not match the public key", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptedKeyIsRefusedWithoutEchoingIt()
    {
        using var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path);
        using var key = RSA.Create(2048);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        File.WriteAllText(dir.File(ZtunnelSecretFiles.BootstrapKey), encrypted);

        var e = Assert.Throws<ZtunnelSecretsException>(() => ZtunnelSecrets.Load(dir.Path, Clock));

        Assert.Contains("encrypted", e.Message, StringComparison.Ordinal);
        var body = encrypted.Split('\n')[1];
        Assert.DoesNotContain(body, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptKeyIsNamedWithoutItsBytes()
    {
        using var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path);
        var pem = File.ReadAllText(dir.File(ZtunnelSecretFiles.CaKey));
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        File.WriteAllText(dir.File(ZtunnelSecretFiles.CaKey), PemEncoding.WriteString("RSA PRIVATE KEY", der.AsSpan(0, 40)));

        var e = Assert.Throws<ZtunnelSecretsException>(() => ZtunnelSecrets.Load(dir.Path, Clock));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("not a valid PKCS#1 RSA private key", problem.Problem);
        Assert.Null(problem.InnerException);
    }

    [Fact]
    public void LeafCertificateAsCaIsRefused()
    {
        using var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path);
        File.Copy(dir.File(ZtunnelSecretFiles.BootstrapCertificate), dir.File(ZtunnelSecretFiles.CaCertificate), overwrite: true);
        File.Copy(dir.File(ZtunnelSecretFiles.BootstrapKey), dir.File(ZtunnelSecretFiles.CaKey), overwrite: true);

        var e = Assert.Throws<ZtunnelSecretsException>(() => ZtunnelSecrets.Load(dir.Path, Clock));

        Assert.Contains(e.Problems, p => p.Problem.Contains("not a CA", StringComparison.Ordinal));
    }

    [Fact]
    public void ExpiredCertificateIsRefusedByTheInjectedClock()
    {
        using var dir = new TempDirectory();
        TestPki.WriteSecrets(dir.Path);
        var future = new ManualTimeProvider(DateTimeOffset.UtcNow.AddYears(20));

        var e = Assert.Throws<ZtunnelSecretsException>(() => ZtunnelSecrets.Load(dir.Path, future));

        Assert.Equal(2, e.Problems.Count(p => p.Problem.StartsWith("certificate expired", StringComparison.Ordinal)));
    }
}
