using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Backends;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>
/// Turns merged written values into typed <see cref="EncryptionOptions"/>. A value that does not parse is an error
/// naming its key and value; the default stands in for it so that binding goes on and reports every error.
/// </summary>
public static class OptionsBinder
{
    public static EncryptionOptions Bind(ValidationContext context, string? hostname)
    {
        var r = new Reader(context);
        return new EncryptionOptions
        {
            Enabled = r.Boolean(Enabled),
            Type = OptionsMerger.ParseType(r.Enum(OptionKeys.BackendType)) ?? EncryptionType.IPsec,
            NodeEncryption = r.Boolean(NodeEncryption),
            NodeEncryptionOptOutLabels = r.String(NodeEncryptionOptOutLabels),
            StrictMode = new StrictModeOptions
            {
                Egress = new StrictEgressOptions
                {
                    Enabled = r.Boolean(StrictEgressEnabled),
                    Cidr = r.Cidr(StrictEgressCidr),
                    AllowRemoteNodeIdentities = r.Boolean(StrictEgressAllowRemoteNodeIdentities),
                },
                Ingress = new StrictIngressOptions { Enabled = r.Boolean(StrictIngressEnabled) },
            },
            IPsec = new IPsecOptions
            {
                KeyFile = r.String(IPsecKeyFile),
                MountPath = r.String(IPsecMountPath),
                SecretName = r.String(IPsecSecretName),
                Interface = r.String(IPsecInterface),
                KeyWatcher = r.Boolean(IPsecKeyWatcher),
                KeyRotationDuration = r.Duration(IPsecKeyRotationDuration),
                EncryptedOverlay = r.Boolean(IPsecEncryptedOverlay),
                PolicyMode = r.Enum(IPsecPolicy) == "mark" ? IPsecPolicyMode.Mark : IPsecPolicyMode.Selector,
            },
            WireGuard = new WireGuardOptions
            {
                PersistentKeepalive = r.Duration(WireGuardPersistentKeepalive),
                UserspaceFallback = r.Boolean(WireGuardUserspaceFallback),
                StateDirectory = r.String(WireGuardStateDir),
                UserspaceSocketDirectory = r.String(WireGuardUserspaceSocketDir),
                UserspaceBinary = r.String(WireGuardUserspaceBinary),
            },
            Ztunnel = new ZtunnelOptions
            {
                Image = new ZtunnelImageOptions
                {
                    Repository = r.String(ZtunnelImageRepository),
                    Tag = r.String(ZtunnelImageTag),
                    PullPolicy = r.Enum(ZtunnelImagePullPolicy),
                    Digest = r.String(ZtunnelImageDigest),
                    UseDigest = r.Boolean(ZtunnelImageUseDigest),
                    Override = r.String(ZtunnelImageOverride),
                },
                CaAddress = r.Url(ZtunnelCaAddress),
                HealthPort = r.Integer(ZtunnelHealthPort),
                TerminationGracePeriodSeconds = r.Integer(ZtunnelTerminationGracePeriodSeconds),
                PriorityClassName = r.String(ZtunnelPriorityClassName),
                BootstrapRootCert = r.String(ZtunnelBootstrapRootCert),
                ZdsSocketPath = r.String(ZtunnelZdsSocketPath),
                SecretsDirectory = r.String(ZtunnelSecretsDir),
                TrustDomain = r.String(ZtunnelTrustDomain),
            },
            Cluster = new ClusterOptions
            {
                Name = r.String(ClusterName),
                Id = r.Integer(ClusterId),
                ClusterMeshUseApiServer = r.Boolean(ClusterMeshUseApiServer),
                ClusterMeshConfigEnabled = r.Boolean(ClusterMeshConfigEnabled),
                ClusterMeshConfigPath = r.String(ClusterMeshConfigPath),
            },
            Agent = new AgentOptions
            {
                NodeName = context.IsSet(NodeName) ? r.String(NodeName) : hostname ?? "",
                IPv4 = r.Address(NodeIPv4),
                IPv6 = r.Address(NodeIPv6),
                PodCidrs = r.List<IPNetwork>(PodCidrs, "a CIDR", (string s, out IPNetwork v) => OptionValueParsers.TryParseCidr(s, out v, out _)),
                PodIps = r.List<IPAddress>(PodIps, "an IP address", (string s, out IPAddress v) => IPAddress.TryParse(s, out v!)),
                BootId = r.String(BootId),
                NodeId = (ushort)Math.Clamp(r.Integer(NodeId), 0, ushort.MaxValue),
                ClusterSource = r.Enum(ClusterSource) == "kubernetes" ? ClusterSourceKind.Kubernetes : ClusterSourceKind.File,
                FileStoreDirectory = r.String(FileStoreDir),
                StatusSocketPath = r.String(StatusSocket),
                BootIdFile = r.String(BootIdFile),
                Procfs = r.String(Procfs),
                ResyncInterval = r.Duration(ResyncInterval),
                MetricsAddress = r.String(MetricsAddress),
                Kubeconfig = r.String(Kubeconfig),
            },
        };
    }

    private delegate bool TryParse<T>(string text, out T value);

    private readonly struct Reader(ValidationContext context)
    {
        public string String(string key) => context.Merged.Raw(key).Trim();

        public bool Boolean(string key)
        {
            if (OptionValueParsers.TryParseBoolean(context.Merged.Raw(key), out var value))
                return value;
            context.Fail(key, "not a boolean (true or false)");
            return bool.Parse(OptionCatalog.Get(key).Default);
        }

        public int Integer(string key)
        {
            if (OptionValueParsers.TryParseInteger(context.Merged.Raw(key), out var value))
                return value;
            context.Fail(key, "not an integer");
            return int.Parse(OptionCatalog.Get(key).Default, System.Globalization.CultureInfo.InvariantCulture);
        }

        public TimeSpan Duration(string key)
        {
            var text = context.Merged.Raw(key).Trim();
            if (!GoDuration.TryParse(text, out var value, out var error))
            {
                context.Fail(key, $"not a duration: {error} (use Go syntax such as 0s, 30s, 5m, 1h30m)");
                return GoDuration.Parse(OptionCatalog.Get(key).Default);
            }

            if (value < TimeSpan.Zero)
            {
                context.Fail(key, "must not be negative");
                return GoDuration.Parse(OptionCatalog.Get(key).Default);
            }

            return value;
        }

        public string Enum(string key)
        {
            var definition = OptionCatalog.Get(key);
            if (OptionValueParsers.MatchEnum(context.Merged.Raw(key), definition.AllowedValues) is { } value)
                return value;
            context.Fail(key, $"must be one of {string.Join(", ", definition.AllowedValues)}");
            return definition.Default;
        }

        public IPNetwork? Cidr(string key)
        {
            var text = context.Merged.Raw(key).Trim();
            if (text.Length == 0)
                return null;
            if (!OptionValueParsers.TryParseCidr(text, out var value, out var hadHostBits))
            {
                context.Fail(key, "cannot parse as a CIDR (expected an IPv4 prefix such as 10.0.0.0/16)");
                return null;
            }

            if (hadHostBits)
                context.Warning(key, $"has bits set after the prefix length; using {value}");
            return value;
        }

        public IPAddress? Address(string key)
        {
            var text = context.Merged.Raw(key).Trim();
            if (text.Length == 0)
                return null;
            if (IPAddress.TryParse(text, out var value))
                return value;
            context.Fail(key, "not an IP address");
            return null;
        }

        public ImmutableArray<T> List<T>(string key, string what, TryParse<T> parse)
        {
            var items = ImmutableArray.CreateBuilder<T>();
            foreach (var part in context.Merged.Raw(key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (parse(part, out var value))
                    items.Add(value);
                else
                    context.Fail(key, $"'{part}' is not {what}");
            }

            return items.ToImmutable();
        }

        public Uri Url(string key)
        {
            if (OptionValueParsers.TryParseUrl(context.Merged.Raw(key), out var value))
                return value;
            context.Fail(key, "not an absolute http(s) URL");
            return new Uri(OptionCatalog.Get(key).Default);
        }
    }
}
