using Encryption.Core.Keys;
using Encryption.Core.Tests.Support;

namespace Encryption.Core.Tests.Keys;

public sealed class KeyFileWatcherTests : IDisposable
{
    private const string Key1 = "3+ rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef01234567 128";
    private const string Key2 = "4+ rfc4106(gcm(aes)) fedcba9876543210fedcba9876543210fedcba98 128";
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger _log = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Collects what the watcher yields, in the background.</summary>
    private sealed class Follower : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;
        private readonly List<KeyFileSnapshot> _seen = [];

        public Follower(KeyFileWatcher watcher)
        {
            _run = Task.Run(async () =>
            {
                await foreach (var snapshot in watcher.WatchAsync(_stop.Token))
                {
                    lock (_seen)
                        _seen.Add(snapshot);
                }
            });
        }

        public IReadOnlyList<KeyFileSnapshot> Seen
        {
            get
            {
                lock (_seen)
                    return [.. _seen];
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task TheCurrentContentComesFirst()
    {
        var path = _dir.Write("keys", Key1);
        var watcher = new KeyFileWatcher(path, _time, _log, watch: false);
        await using var follower = new Follower(watcher);

        await Eventually.True(() => follower.Seen.Count == 1, "first snapshot");

        Assert.True(follower.Seen[0].Exists);
        Assert.Equal(Key1, follower.Seen[0].Text);
    }

    [Fact]
    public async Task AChangeIsSeenOnTheNextPoll()
    {
        var path = _dir.Write("keys", Key1);
        var watcher = new KeyFileWatcher(path, _time, _log, TimeSpan.FromSeconds(5), watch: false);
        await using var follower = new Follower(watcher);
        await Eventually.True(() => follower.Seen.Count == 1 && _time.ActiveTimers == 1, "first snapshot and a poll timer");

        File.WriteAllText(path, Key2);
        _time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(50);
        Assert.Single(follower.Seen);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => follower.Seen.Count == 2, "changed snapshot");
        Assert.Equal(Key2, follower.Seen[1].Text);
        Assert.Contains(_log.Entries, e => e.Id.Id == 1300);
    }

    [Fact]
    public async Task TheDirectoryWatcherNudgesAtOnce()
    {
        var path = _dir.Write("keys", Key1);
        var watcher = new KeyFileWatcher(path, _time, _log, TimeSpan.FromHours(1));
        await using var follower = new Follower(watcher);
        await Eventually.True(() => follower.Seen.Count == 1, "first snapshot");

        File.WriteAllText(path, Key2);

        await Eventually.True(() => follower.Seen.Count == 2, "the watcher noticed without the clock moving");
    }

    [Fact]
    public async Task RewritingTheSameContentIsNotAChange()
    {
        var path = _dir.Write("keys", Key1);
        var watcher = new KeyFileWatcher(path, _time, _log, TimeSpan.FromSeconds(5), watch: false);
        await using var follower = new Follower(watcher);
        await Eventually.True(() => follower.Seen.Count == 1 && _time.ActiveTimers == 1, "first snapshot");

        File.WriteAllText(path, Key1);
        _time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.True(() => _time.ActiveTimers == 1, "next poll scheduled");
        await Task.Delay(50);

        Assert.Single(follower.Seen);
    }

    [Fact]
    public async Task AMissingFileIsReportedAndItsArrivalSeen()
    {
        var path = _dir.Combine("keys");
        var watcher = new KeyFileWatcher(path, _time, _log, TimeSpan.FromSeconds(5), watch: false);
        await using var follower = new Follower(watcher);
        await Eventually.True(() => follower.Seen.Count == 1 && _time.ActiveTimers == 1, "missing snapshot");
        Assert.False(follower.Seen[0].Exists);
        Assert.Contains(_log.Entries, e => e.Id.Id == 1301);

        File.WriteAllText(path, Key1);
        _time.Advance(TimeSpan.FromSeconds(5));

        await Eventually.True(() => follower.Seen.Count == 2, "file appeared");
        Assert.True(follower.Seen[1].Exists);
    }

    [Fact]
    public async Task ASecretVolumeLinkSwapIsSeen()
    {
        // Kubernetes: keys -> ..data/keys, ..data -> ..2026_01_01_v1; an update swaps ..data atomically.
        Directory.CreateDirectory(_dir.Combine("..v1"));
        Directory.CreateDirectory(_dir.Combine("..v2"));
        File.WriteAllText(_dir.Combine("..v1", "keys"), Key1);
        File.WriteAllText(_dir.Combine("..v2", "keys"), Key2);
        File.CreateSymbolicLink(_dir.Combine("..data"), "..v1");
        File.CreateSymbolicLink(_dir.Combine("keys"), "..data/keys");
        var watcher = new KeyFileWatcher(_dir.Combine("keys"), _time, _log, TimeSpan.FromHours(1));
        await using var follower = new Follower(watcher);
        await Eventually.True(() => follower.Seen.Count == 1, "first snapshot");

        File.CreateSymbolicLink(_dir.Combine("..data_tmp"), "..v2");
        Assert.Equal(0, LibC.Rename(_dir.Combine("..data_tmp"), _dir.Combine("..data")));

        await Eventually.True(() => follower.Seen.Count == 2, "link swap seen");
        Assert.Equal(Key2, follower.Seen[1].Text);
    }

    [Fact]
    public async Task KeyMaterialIsNeverInTheTextOrTheLogs()
    {
        var path = _dir.Write("keys", Key1);
        var watcher = new KeyFileWatcher(path, _time, _log, TimeSpan.FromSeconds(1), watch: false);
        await using (var follower = new Follower(watcher))
        {
            await Eventually.True(() => follower.Seen.Count == 1 && _time.ActiveTimers == 1, "first snapshot");
            File.WriteAllText(path, Key2);
            _time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.True(() => follower.Seen.Count == 2, "changed");

            Assert.Equal($"{path} ({Key2.Length} bytes)", follower.Seen[1].ToString());
        }

        Assert.All(_log.Entries, e =>
        {
            Assert.DoesNotContain("0123456789abcdef", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("fedcba", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void SnapshotsWithTheSameContentAreEqualWhenEverRead()
    {
        var a = new KeyFileSnapshot("/k", "x"u8.ToArray(), DateTimeOffset.UnixEpoch);
        var b = new KeyFileSnapshot("/k", "x"u8.ToArray(), DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.Equal(a, b);
        Assert.NotEqual(a, new KeyFileSnapshot("/k", "y"u8.ToArray(), DateTimeOffset.UnixEpoch));
        Assert.NotEqual(a, new KeyFileSnapshot("/k", null, DateTimeOffset.UnixEpoch));
    }
}
