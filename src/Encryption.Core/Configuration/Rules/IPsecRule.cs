using Encryption.Core.Backends;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>IPsec: where the key file is, and a usable rotation duration. Checked when IPsec is the backend.</summary>
public sealed class IPsecRule : IOptionsRule
{
    public void Check(EncryptionOptions options, ValidationContext context)
    {
        if (options.EffectiveType != EncryptionType.IPsec)
            return;
        var ipsec = options.IPsec;
        PathChecks.RequireAbsolute(context, IPsecMountPath, ipsec.MountPath, "the directory of the IPsec key file");
        if (ipsec.KeyFile.Length == 0)
            context.Error(IPsecKeyFile, "is required: the name of the key file inside the mount path");
        else if (Path.IsPathRooted(ipsec.KeyFile))
            context.Error(IPsecKeyFile, "must be a file name relative to encryption.ipsec.mountPath");

        if (ipsec.KeyRotationDuration <= TimeSpan.Zero && !context.HasFailed(IPsecKeyRotationDuration))
            context.Error(IPsecKeyRotationDuration, "must be greater than 0s: the previous key would be removed while peers still use it");
    }
}
