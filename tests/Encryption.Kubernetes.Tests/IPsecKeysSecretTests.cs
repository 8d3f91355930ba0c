using System.Text;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Secrets;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

public sealed class IPsecKeysSecretTests
{
    private const string Key3 = "3+ rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef01234567 128";
    private const string Key4 = "4+ rfc4106(gcm(aes)) fedcba9876543210fedcba9876543210fedcba98 128";
    private static readonly IPsecKeysSecretLocation Location = new("kube-system");

    private static async Task<Harness> WithSecretAsync(string keys = Key3)
    {
        var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "cilium-ipsec-keys", new() { ["keys"] = keys }));
        return harness;
    }

    [Fact]
    public async Task KeyLineIsReadFromTheSecretData()
    {
        await using var harness = await WithSecretAsync(Key3 + "\n");

        var secret = await new IPsecKeysSecretClient(harness.Client, Location).GetAsync(default);

        Assert.Equal(Key3, secret!.Keys);
        Assert.Equal(harness.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), secret.ResourceVersion);
    }

    [Fact]
    public async Task MissingSecretReadsAsNull()
    {
        await using var harness = await Harness.StartAsync();

        Assert.Null(await new IPsecKeysSecretClient(harness.Client, Location).GetAsync(default));
    }

    [Fact]
    public async Task RotationIsAMergePatchOfTheDataKeyConditionalOnTheVersionRead()
    {
        await using var harness = await WithSecretAsync();
        var client = new IPsecKeysSecretClient(harness.Client, Location);
        var read = await client.GetAsync(default);

        var rotated = await client.ReplaceKeysAsync(Key4, read!.ResourceVersion, default);

        Assert.Equal(Key4, rotated.Keys);
        var stored = harness.Server.Store.Get(ApiResource.Secrets, "kube-system", "cilium-ipsec-keys")!;
        Assert.Equal(Key4, Encoding.UTF8.GetString(Convert.FromBase64String((string)stored["data"]!["keys"]!)));
        var lost = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ReplaceKeysAsync(Key3, read.ResourceVersion, default));
        Assert.True(lost.IsConflict);
        Assert.DoesNotContain("fedcba", lost.ToString());
    }

    [Fact]
    public async Task CreateRefusesAnExistingSecret()
    {
        await using var harness = await Harness.StartAsync();
        var client = new IPsecKeysSecretClient(harness.Client, Location);

        var created = await client.CreateAsync(Key3, default);
        var again = await Assert.ThrowsAsync<KubernetesApiException>(() => client.CreateAsync(Key4, default));

        Assert.Equal(Key3, created.Keys);
        Assert.True(again.IsConflict);
        Assert.Equal("AlreadyExists", again.Reason);
    }

    [Fact]
    public async Task WatcherReportsEachNewKeyLineAndTheDeletion()
    {
        await using var harness = await WithSecretAsync();
        harness.Server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "unrelated", new() { ["keys"] = "not ours" }));
        var watcher = new IPsecKeysSecretWatcher(harness.Client, Location, Harness.Informer, harness.Time);
        var seen = new List<string?>();
        using var stop = new CancellationTokenSource();
        var run = watcher.RunAsync((secret, _) =>
        {
            lock (seen)
                seen.Add(secret?.Keys);
            return ValueTask.CompletedTask;
        }, stop.Token);
        int Count()
        {
            lock (seen)
                return seen.Count;
        }

        await Eventually.True(() => Count() == 1, "the initial key");
        harness.Server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "unrelated", new() { ["keys"] = "still not ours" }));
        harness.Server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "cilium-ipsec-keys", new() { ["keys"] = Key4 }));
        await Eventually.True(() => Count() == 2, "the rotated key");
        harness.Server.Store.Delete(ApiResource.Secrets, "kube-system", "cilium-ipsec-keys");
        await Eventually.True(() => Count() == 3, "the deletion");

        Assert.Equal([Key3, Key4, null], seen);
        Assert.Null(watcher.Current);
        Assert.All(harness.Server.Requests, r => Assert.Equal("metadata.name=cilium-ipsec-keys", r["fieldSelector"]));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task KeyMaterialIsNeverInToStringOrErrors()
    {
        await using var harness = await WithSecretAsync();
        harness.Server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "wrong-key", new() { ["psk"] = Key3 }));

        var secret = await new IPsecKeysSecretClient(harness.Client, Location).GetAsync(default);
        var raw = await harness.Client.GetAsync(ResourceTypes.Secrets, "kube-system", "cilium-ipsec-keys", default);
        var missing = await Assert.ThrowsAsync<InvalidDataException>(
            () => new IPsecKeysSecretClient(harness.Client, Location with { Name = "wrong-key" }).GetAsync(default));

        Assert.DoesNotContain("0123456789abcdef", secret!.ToString());
        Assert.DoesNotContain("0123456789abcdef", raw.ToString());
        Assert.Equal("IPsec key not found in the secret: kube-system/wrong-key has no data key 'keys'.", missing.Message);
    }
}
