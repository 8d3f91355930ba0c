using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Encryption.Ztunnel.Secrets;

/// <summary>The bootstrap TLS pair and the CA pair, loaded and checked together.</summary>
public sealed class ZtunnelSecrets : IDisposable
{
    private ZtunnelSecrets(X509Certificate2 bootstrap, X509Certificate2 ca, string trustBundlePem, IReadOnlyList<string> warnings)
    {
        BootstrapCertificate = bootstrap;
        CaCertificate = ca;
        TrustBundlePem = trustBundlePem;
        Warnings = warnings;
    }

    /// <summary>The xDS/CA listener's server certificate, with its private key.</summary>
    public X509Certificate2 BootstrapCertificate { get; }

    /// <summary>The signing CA certificate (first of ca-root.crt), with its private key.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>Every certificate of ca-root.crt as PEM: the last element of each chain (several roots during rotation).</summary>
    public string TrustBundlePem { get; }

    /// <summary>Usable but suspicious (for status), e.g. no DNS:localhost in the bootstrap certificate.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Loads the four files from <paramref name="directory"/>, reporting every problem at once.</summary>
    /// <exception cref="ZtunnelSecretsException">Any file missing, malformed or inconsistent.</exception>
    public static ZtunnelSecrets Load(string directory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = new List<SecretFileException>();
        var warnings = new List<string>();
        var now = timeProvider.GetUtcNow();
        var bootstrapPath = Path.Combine(directory, ZtunnelSecretFiles.BootstrapCertificate);
        var caPath = Path.Combine(directory, ZtunnelSecretFiles.CaCertificate);
        var bootstrap = LoadPair(bootstrapPath, Path.Combine(directory, ZtunnelSecretFiles.BootstrapKey), problems, out _);
        var ca = LoadPair(caPath, Path.Combine(directory, ZtunnelSecretFiles.CaKey), problems, out var caChain);
        if (bootstrap is not null)
        {
            CheckValidity(bootstrapPath, bootstrap, now, problems);
            if (!HasDnsName(bootstrap, "localhost"))
                warnings.Add($"{bootstrapPath}: no DNS:localhost subject alternative name; ztunnel connects to https://localhost:15012 and verifies that name");
        }

        if (ca is not null)
        {
            CheckValidity(caPath, ca, now, problems);
            CheckIsCa(caPath, ca, problems);
        }

        if (problems.Count > 0 || bootstrap is null || ca is null)
        {
            bootstrap?.Dispose();
            ca?.Dispose();
            throw new ZtunnelSecretsException(problems);
        }

        var bundle = string.Concat(caChain!.Select(c => c.ExportCertificatePem() + "\n"));
        return new ZtunnelSecrets(bootstrap, ca, bundle, warnings);
    }

    private static X509Certificate2? LoadPair(string certificatePath, string keyPath, List<SecretFileException> problems, out IReadOnlyList<X509Certificate2>? chain)
    {
        chain = null;
        AsymmetricAlgorithm? key = null;
        try
        {
            chain = CertificateLoader.Load(certificatePath);
        }
        catch (SecretFileException e)
        {
            problems.Add(e);
        }

        try
        {
            key = PrivateKeyLoader.Load(keyPath);
        }
        catch (SecretFileException e)
        {
            problems.Add(e);
        }

        using (key)
        {
            if (chain is null || key is null)
                return null;
            try
            {
                return CertificateLoader.WithKey(chain[0], key, certificatePath, keyPath);
            }
            catch (SecretFileException e)
            {
                problems.Add(e);
                return null;
            }
        }
    }

    private static void CheckValidity(string path, X509Certificate2 certificate, DateTimeOffset now, List<SecretFileException> problems)
    {
        if (now < certificate.NotBefore.ToUniversalTime())
            problems.Add(new SecretFileException(path, $"certificate is not valid before {certificate.NotBefore.ToUniversalTime():u}"));
        else if (now > certificate.NotAfter.ToUniversalTime())
            problems.Add(new SecretFileException(path, $"certificate expired at {certificate.NotAfter.ToUniversalTime():u}"));
    }

    private static void CheckIsCa(string path, X509Certificate2 certificate, List<SecretFileException> problems)
    {
        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (basic is null || !basic.CertificateAuthority)
            problems.Add(new SecretFileException(path, "certificate is not a CA (basicConstraints CA:TRUE missing)"));
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
            problems.Add(new SecretFileException(path, "certificate's keyUsage lacks keyCertSign"));
    }

    private static bool HasDnsName(X509Certificate2 certificate, string name) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .Any(san => san.EnumerateDnsNames().Contains(name, StringComparer.OrdinalIgnoreCase));

    public void Dispose()
    {
        BootstrapCertificate.Dispose();
        CaCertificate.Dispose();
    }
}
