using Encryption.Core.Backends;
using Encryption.Core.Configuration;
using Encryption.Core.Tests.Support;
using YamlDotNet.RepresentationModel;
using static Encryption.Core.Tests.Deploy.RenderedChart;

namespace Encryption.Core.Tests.Deploy;

/// <summary>The chart as <c>helm template</c> renders it, and the rendered ConfigMap as the agent reads it.</summary>
public class RenderedChartTests
{
    private const string AgentName = "enc-encryption";
    private const string ZtunnelName = "ztunnel-cilium";
    private const string Ztunnel = "encryption.type=ztunnel";
    private const string Enabled = "encryption.enabled=true";

    [Fact]
    public void DefaultValuesRenderTheAgentObjectsAndNothingForABackend()
    {
        var chart = Render();

        Assert.Equal(["ClusterRole", "ClusterRoleBinding", "ConfigMap", "DaemonSet", "ServiceAccount"], chart.Kinds.Order(StringComparer.Ordinal));
        Assert.False(chart.Has("Role", AgentName + "-ipsec-keys"));
        Assert.False(chart.Has("DaemonSet", ZtunnelName));
    }

    [Theory]
    [InlineData("ipsec", EncryptionType.IPsec)]
    [InlineData("wireguard", EncryptionType.WireGuard)]
    [InlineData("ztunnel", EncryptionType.Ztunnel)]
    public void TheRenderedConfigMapLoadsIntoTheAgentAsTheChosenBackend(string type, EncryptionType expected)
    {
        var options = LoadConfigMap(Render(Enabled, $"encryption.type={type}"));

        Assert.True(options.Enabled);
        Assert.Equal(expected, options.EffectiveType);
        Assert.Equal(ClusterSourceKind.Kubernetes, options.Agent.ClusterSource);
    }

    [Fact]
    public void WithEncryptionOffTheRenderedConfigMapLoadsAsNoBackend()
    {
        var options = LoadConfigMap(Render());

        Assert.Equal(EncryptionType.None, options.EffectiveType);
    }

    [Fact]
    public void IPsecValuesReachTheAgentAndTheKeySecretIsMountedWhereTheKeyFileIsRead()
    {
        var chart = Render(Enabled, "encryption.type=ipsec", "encryption.ipsec.mountPath=/etc/keys/", "encryption.ipsec.keyFile=psk",
            "encryption.ipsec.secretName=my-keys", "encryption.ipsec.keyRotationDuration=2m", "encryption.ipsec.policyMode=mark");
        var options = LoadConfigMap(chart);
        var pod = chart.Single("DaemonSet", AgentName)["spec"]["template"]["spec"];
        var mount = Named(Named(pod, "containers", "encryption-agent"), "volumeMounts", "cilium-ipsec-secrets");

        Assert.Equal("/etc/keys/psk", options.IPsec.KeyFilePath);
        Assert.Equal(TimeSpan.FromMinutes(2), options.IPsec.KeyRotationDuration);
        Assert.Equal("/etc/keys/", Text(mount, "mountPath"));
        Assert.Equal("my-keys", Text(Named(pod, "volumes", "cilium-ipsec-secrets"), "secret.secretName"));
        var rule = Assert.Single(Items(chart.Single("Role", AgentName + "-ipsec-keys"), "rules"));
        Assert.Equal(["my-keys"], ((YamlSequenceNode)rule["resourceNames"]).Children.Select(c => ((YamlScalarNode)c).Value));
    }

    [Fact]
    public void TheWireGuardKeyLivesOnAPersistentHostPathThatTheAgentReads()
    {
        var chart = Render(Enabled, "encryption.type=wireguard");
        var pod = chart.Single("DaemonSet", AgentName)["spec"]["template"]["spec"];
        var options = LoadConfigMap(chart);

        Assert.Equal("/var/lib/encryption-agent/wireguard", options.WireGuard.StateDirectory);
        Assert.Equal(options.WireGuard.StateDirectory, Text(Named(pod, "volumes", "wireguard-state"), "hostPath.path"));
        Assert.Equal(options.WireGuard.StateDirectory, Text(Named(Named(pod, "containers", "encryption-agent"), "volumeMounts", "wireguard-state"), "mountPath"));
        Assert.False(options.WireGuard.StateDirectory.StartsWith("/var/run/", StringComparison.Ordinal), "a tmpfs loses the key on reboot");
    }

    [Fact]
    public void StrictModeValuesReachTheAgent()
    {
        var options = LoadConfigMap(Render(Enabled, "encryption.type=wireguard", "encryption.strictMode.egress.enabled=true",
            "encryption.strictMode.egress.cidr=10.0.0.0/8", "encryption.strictMode.egress.allowRemoteNodeIdentities=true"));

        Assert.True(options.StrictMode.Egress.Enabled);
        Assert.Equal("10.0.0.0/8", options.StrictMode.Egress.Cidr?.ToString());
        Assert.True(options.StrictMode.Egress.AllowRemoteNodeIdentities);
    }

    [Fact]
    public void StrictIngressReachesAWireGuardAgent()
    {
        var options = LoadConfigMap(Render(Enabled, "encryption.type=wireguard", "encryption.strictMode.ingress.enabled=true"));

        Assert.True(options.StrictMode.Ingress.Enabled);
    }

    [Fact]
    public void AnUnknownBackendTypeFailsTheRenderNamingIt()
    {
        var error = RenderError(Enabled, "encryption.type=macsec");

        Assert.Contains("encryption.type must be ipsec, wireguard or ztunnel, not \"macsec\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ZtunnelRunsAsItsOwnDaemonSetOnlyWithTheZtunnelBackend()
    {
        Assert.True(Render(Enabled, Ztunnel).Has("DaemonSet", ZtunnelName));
        Assert.False(Render(Enabled, "encryption.type=wireguard").Has("DaemonSet", ZtunnelName));
        Assert.False(Render(Ztunnel).Has("DaemonSet", ZtunnelName));
    }

    [Fact]
    public void TheZtunnelPodIsCiliumsZtunnelCiliumPod()
    {
        var daemonSet = Render(Enabled, Ztunnel).Single("DaemonSet", ZtunnelName);
        var pod = daemonSet["spec"]["template"];
        var container = Named(pod, "spec.containers", "ztunnel");

        // The agent skips pods labelled app=ztunnel-cilium when it enrolls (EnrollmentPolicy.ZtunnelPodLabel).
        Assert.Equal(ZtunnelName, Text(pod, "metadata.labels.app"));
        Assert.Equal(ZtunnelName, Text(daemonSet, "spec.selector.matchLabels.app"));
        Assert.Equal("true", Text(pod, "spec.hostNetwork"));
        Assert.Equal("docker.io/istio/ztunnel:1.28.0-distroless", Text(container, "image"));
        Assert.Equal(["proxy", "ztunnel"], ((YamlSequenceNode)container["args"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal("/healthz/ready", Text(container, "readinessProbe.httpGet.path"));
        Assert.Equal("15021", Text(container, "readinessProbe.httpGet.port"));
        Assert.Equal("3", Text(container, "readinessProbe.failureThreshold"));
        Assert.Equal("200m", Text(container, "resources.requests.cpu"));
        Assert.Equal("0", Text(daemonSet, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
        Assert.Equal(["NET_ADMIN", "SYS_ADMIN", "NET_RAW"],
            ((YamlSequenceNode)container["securityContext"]["capabilities"]["add"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal("1337", Text(container, "securityContext.runAsGroup"));
        Assert.Equal("true", Text(container, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal(3, Items(pod, "spec.tolerations").Count());
    }

    [Fact]
    public void TheZtunnelEnvironmentPointsAtThisNodesAgent()
    {
        var container = Named(Render(Enabled, Ztunnel).Single("DaemonSet", ZtunnelName)["spec"]["template"], "spec.containers", "ztunnel");
        string? Env(string name) => Text(Named(container, "env", name), "value");
        string? Field(string name) => Text(Named(container, "env", name), "valueFrom.fieldRef.fieldPath");

        Assert.Equal("https://localhost:15012", Env("XDS_ADDRESS"));
        Assert.Equal("https://localhost:15012", Env("CA_ADDRESS"));
        Assert.Equal("/etc/ztunnel/bootstrap-root.crt", Env("XDS_ROOT_CA"));
        Assert.Equal("/etc/ztunnel/bootstrap-root.crt", Env("CA_ROOT_CA"));
        Assert.Equal("false", Env("ISTIO_META_DNS_CAPTURE"));
        Assert.Equal("true", Env("ISTIO_META_ENABLE_HBONE"));
        Assert.Equal("/var/run/cilium/ztunnel.sock", Env("INPOD_UDS"));
        Assert.Equal("status.hostIP", Field("NODE_NAME"));
        Assert.Equal("status.podIP", Field("INSTANCE_IP"));
        Assert.Equal("metadata.name", Field("POD_NAME"));
        Assert.Equal("metadata.namespace", Field("POD_NAMESPACE"));
    }

    [Fact]
    public void TheAgentAndZtunnelShareTheZdsSocketDirectoryWhereverItIsMoved()
    {
        var chart = Render(Enabled, Ztunnel, "encryption.ztunnel.zdsSocketPath=/run/enc/zds.sock");
        var options = LoadConfigMap(chart);
        var agentPod = chart.Single("DaemonSet", AgentName)["spec"]["template"]["spec"];
        var ztunnelPod = chart.Single("DaemonSet", ZtunnelName)["spec"]["template"]["spec"];
        var ztunnel = Named(ztunnelPod, "containers", "ztunnel");

        Assert.Equal("/run/enc/zds.sock", options.Ztunnel.ZdsSocketPath);
        Assert.Equal("/run/enc/zds.sock", Text(Named(ztunnel, "env", "INPOD_UDS"), "value"));
        Assert.Equal("/run/enc", Text(Named(agentPod, "volumes", "cilium-run"), "hostPath.path"));
        Assert.Equal("/run/enc", Text(Named(Named(agentPod, "containers", "encryption-agent"), "volumeMounts", "cilium-run"), "mountPath"));
        Assert.Equal("/run/enc", Text(Named(ztunnelPod, "volumes", "zds"), "hostPath.path"));
        Assert.Equal("/run/enc", Text(Named(ztunnel, "volumeMounts", "zds"), "mountPath"));
    }

    [Fact]
    public void WithZtunnelTheAgentFindsPodNamespacesUnderTheHostsProcMountedReadOnly()
    {
        var chart = Render(Enabled, Ztunnel);
        var agentPod = chart.Single("DaemonSet", AgentName)["spec"]["template"]["spec"];
        var mount = Named(Named(agentPod, "containers", "encryption-agent"), "volumeMounts", "host-proc");

        Assert.Equal("/host/proc", LoadConfigMap(chart).Agent.Procfs);
        Assert.Equal("/proc", Text(Named(agentPod, "volumes", "host-proc"), "hostPath.path"));
        Assert.Equal("/host/proc", Text(mount, "mountPath"));
        Assert.Equal("true", Text(mount, "readOnly"));
        Assert.Equal("/proc", LoadConfigMap(Render(Enabled, "encryption.type=ipsec")).Agent.Procfs);
    }

    [Fact]
    public void ZtunnelGetsOnlyTheCertificatesOfTheSharedSecretNeverTheAgentsPrivateKeys()
    {
        var chart = Render(Enabled, Ztunnel);
        var ztunnelPod = chart.Single("DaemonSet", ZtunnelName)["spec"]["template"]["spec"];
        var agentPod = chart.Single("DaemonSet", AgentName)["spec"]["template"]["spec"];
        var volume = Named(ztunnelPod, "volumes", "ztunnel-root");

        Assert.Equal("cilium-ztunnel-secrets", Text(volume, "secret.secretName"));
        Assert.Equal(["bootstrap-root.crt", "ca-root.crt"], Items(volume, "secret.items").Select(i => Text(i, "key")));
        Assert.Equal("cilium-ztunnel-secrets", Text(Named(agentPod, "volumes", "cilium-ztunnel-secrets"), "secret.secretName"));
        Assert.Null(At(Named(agentPod, "volumes", "cilium-ztunnel-secrets"), "secret.items"));
        Assert.Equal("false", Text(ztunnelPod, "automountServiceAccountToken"));
    }

    [Fact]
    public void ABootstrapRootCertValueBecomesASecretThatZtunnelMounts()
    {
        var pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        var encoded = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(pem));
        var chart = Render(Enabled, Ztunnel, $"encryption.ztunnel.secrets.bootstrapRootCert={encoded}");
        var secret = chart.Single("Secret", "enc-encryption-ztunnel-bootstrap-root");
        var volume = Named(chart.Single("DaemonSet", ZtunnelName)["spec"]["template"]["spec"], "volumes", "ztunnel-root");

        Assert.Equal(encoded, ((YamlScalarNode)secret["data"]["bootstrap-root.crt"]).Value);
        Assert.Equal("enc-encryption-ztunnel-bootstrap-root", Text(volume, "secret.secretName"));
        Assert.Equal(["bootstrap-root.crt"], Items(volume, "secret.items").Select(i => Text(i, "key")));
    }

    [Fact]
    public void ABootstrapRootCertThatIsNotABase64PemCertificateFailsTheRenderNamingTheValue()
    {
        var error = RenderError(Enabled, Ztunnel, "encryption.ztunnel.secrets.bootstrapRootCert=bm90IGEgY2VydA==");

        Assert.Contains("encryption.ztunnel.secrets.bootstrapRootCert must be the base64 of a PEM certificate", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "encryption.ztunnel.image.override=registry.example/zt:1" }, "registry.example/zt:1")]
    [InlineData(new[] { "encryption.ztunnel.image.useDigest=true", "encryption.ztunnel.image.digest=sha256:ab" }, "docker.io/istio/ztunnel:1.28.0-distroless@sha256:ab")]
    [InlineData(new[] { "encryption.ztunnel.image.digest=sha256:ab" }, "docker.io/istio/ztunnel:1.28.0-distroless")]
    public void TheZtunnelImageReferenceFollowsOverrideAndDigestValues(string[] sets, string expected)
    {
        var chart = Render([Enabled, Ztunnel, .. sets]);

        Assert.Equal(expected, Text(Named(chart.Single("DaemonSet", ZtunnelName)["spec"]["template"], "spec.containers", "ztunnel"), "image"));
    }

    [Fact]
    public void ZtunnelPodKnobsAreRendered()
    {
        var chart = Render(Enabled, Ztunnel, "encryption.ztunnel.priorityClassName=system-node-critical",
            "encryption.ztunnel.podLabels.team=net", "encryption.ztunnel.extraEnv[0].name=RUST_LOG", "encryption.ztunnel.extraEnv[0].value=debug",
            "encryption.ztunnel.healthPort=15999");
        var pod = chart.Single("DaemonSet", ZtunnelName)["spec"]["template"];
        var container = Named(pod, "spec.containers", "ztunnel");

        Assert.Equal("system-node-critical", Text(pod, "spec.priorityClassName"));
        Assert.Equal("net", Text(pod, "metadata.labels.team"));
        Assert.Equal("debug", Text(Named(container, "env", "RUST_LOG"), "value"));
        Assert.Equal("15999", Text(container, "readinessProbe.httpGet.port"));
        Assert.Equal("15999", Text(Named(container, "ports", "health"), "containerPort"));
    }

    /// <summary>The agent's options from the rendered ConfigMap, as the pod sees it: one file per key in a directory.</summary>
    private static EncryptionOptions LoadConfigMap(RenderedChart chart)
    {
        var data = (YamlMappingNode)chart.Single("ConfigMap", AgentName + "-config")["data"];
        using var directory = new TempDirectory();
        foreach (var (key, value) in data.Children)
            directory.Write(((YamlScalarNode)key).Value!, ((YamlScalarNode)value).Value!);
        var result = OptionsLoader.Load([ConfigDirectorySource.Read(directory.Path)], hostname: "node-1");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        return result.Options!;
    }
}
