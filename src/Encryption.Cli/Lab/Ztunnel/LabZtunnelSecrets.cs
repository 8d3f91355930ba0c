using Encryption.Core.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Encryption.Cli.Lab.Ztunnel;

/// <summary>
/// The four files of the <c>cilium-ztunnel-secrets</c> Secret, made in C# the way
/// <c>scripts/generate-ztunnel-secrets.sh</c> makes them with openssl (spec 1.3): RSA 2048 keys as PKCS#8
/// (mode 0600, never printed), a self-signed bootstrap leaf for the xDS/CA listener (O=cluster.local,
/// DNS:localhost, serverAuth+clientAuth, CA:FALSE) and a self-signed root CA (CA:TRUE, keyCertSign+cRLSign).
/// </summary>
internal static class LabZtunnelSecrets
{
    public const string BootstrapCertificate = "bootstrap-root.crt";
    public const string BootstrapKey = "bootstrap-private.key";
    public const string CaCertificate = "ca-root.crt";
    public const string CaKey = "ca-private.key";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    /// <summary>The lab-wide secrets directory (every node's agent mounts the same Secret in a cluster).</summary>
    public static string Directory(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.Directory, "ztunnel-secrets");
    }

    /// <summary>Writes the four files into <paramref name="directory"/> unless they are all there already.</summary>
    public static async Task CreateAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (new[] { BootstrapCertificate, BootstrapKey, CaCertificate, CaKey }.All(f => File.Exists(Path.Combine(directory, f))))
            return;
        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var now = time.GetUtcNow();
        using var bootstrapKey = RSA.Create(2048);
        using var bootstrap = Bootstrap(bootstrapKey, now);
        using var caKey = RSA.Create(2048);
        using var ca = Root(caKey, now);
        await WriteAsync(directory, BootstrapKey, bootstrapKey.ExportPkcs8PrivateKeyPem(), AtomicFile.Private, cancellationToken).ConfigureAwait(false);
        await WriteAsync(directory, BootstrapCertificate, bootstrap.ExportCertificatePem(), AtomicFile.Shared, cancellationToken).ConfigureAwait(false);
        await WriteAsync(directory, CaKey, caKey.ExportPkcs8PrivateKeyPem(), AtomicFile.Private, cancellationToken).ConfigureAwait(false);
        await WriteAsync(directory, CaCertificate, ca.ExportCertificatePem(), AtomicFile.Shared, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Same as: <c>openssl req -x509 -subj /O=cluster.local -addext basicConstraints=CA:FALSE ... subjectAltName=DNS:localhost</c>.</summary>
    public static X509Certificate2 Bootstrap(RSA key, DateTimeOffset now)
    {
        var request = Request(key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        return SelfSign(request, now);
    }

    /// <summary>Same as: <c>openssl req -x509 -subj /O=cluster.local -addext basicConstraints=critical,CA:true -addext keyUsage=critical,digitalSignature,cRLSign,keyCertSign</c>.</summary>
    public static X509Certificate2 Root(RSA key, DateTimeOffset now)
    {
        var request = Request(key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.KeyCertSign, true));
        return SelfSign(request, now);
    }

    private static CertificateRequest Request(RSA key)
    {
        var request = new CertificateRequest(new X500DistinguishedName("O=cluster.local"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(ski);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        return request;
    }

    private static X509Certificate2 SelfSign(CertificateRequest request, DateTimeOffset now) =>
        request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));

    private static Task WriteAsync(string directory, string name, string pem, UnixFileMode mode, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Path.Combine(directory, name), Encoding.ASCII.GetBytes(pem + "\n"), mode, cancellationToken);
}
