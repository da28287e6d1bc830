using System.Runtime.CompilerServices;
using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Core.Sinks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Core.Tests;

/// <summary>The shared reconciler: scope by predicate, threshold against the pre-run listing, report mode, notes.</summary>
public sealed class ReconcilerTests
{
    private const string Blueprint = "github_copilot_seat";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ReconcileScope s_acme = ReconcileScope.WithSuffix("organization 'acme'", "@acme", "GITHUB_DELETE_THRESHOLD", 0.2, "GitHub");

    [Theory]
    [InlineData(10, 2, 2, 0)]
    [InlineData(10, 3, 0, 3)]
    [InlineData(30, 30, 0, 30)]
    [InlineData(5, 1, 1, 0)]
    public async Task ReconcileAsync_SharesOfThePreRunListing_DeleteOnlyWithinTheThreshold(int held, int gone, int deleted, int kept)
    {
        var store = new RecordingStore();
        var listing = Held([.. Enumerable.Range(0, held).Select(i => $"user{i}@acme"), "user0@other"]);
        var seen = Enumerable.Range(gone, held - gone).Select(i => $"user{i}@acme").ToHashSet();

        var outcome = await Reconciler(store, ReconcileMode.Delete).ReconcileAsync(listing, s_acme, seen, Ct);

        Assert.Equal((deleted, kept), (outcome.Deleted, outcome.NotDeleted));
        Assert.Equal(deleted, store.Deleted.Count);
        Assert.DoesNotContain("user0@other", store.Deleted);
        var note = Assert.Single(outcome.Notes);
        Assert.StartsWith(deleted > 0 ? $"organization 'acme': deleted {deleted} of the {held} {Blueprint} entities Port held" : $"organization 'acme': not deleting {kept} of the {held} {Blueprint} entities Port held before this run", note, StringComparison.Ordinal);
        Assert.Contains("user0@acme", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_ReplacedPopulation_IsRefusedWhateverThisRunAdded()
    {
        var store = new RecordingStore();
        var listing = Held([.. Enumerable.Range(0, 30).Select(i => $"old{i}@acme")]);
        var seen = Enumerable.Range(0, 120).Select(i => $"new{i}@acme").ToHashSet();

        var outcome = await Reconciler(store, ReconcileMode.Delete).ReconcileAsync(listing, s_acme, seen, Ct);

        Assert.Equal((0, 30), (outcome.Deleted, outcome.NotDeleted));
        Assert.Empty(store.Deleted);
        Assert.Contains("not deleting 30 of the 30", Assert.Single(outcome.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_ReportMode_DeletesNothingAndNamesWhatItKept()
    {
        var store = new RecordingStore();
        var listing = Held([.. Enumerable.Range(0, 10).Select(i => $"user{i}@acme")]);
        var seen = Enumerable.Range(1, 9).Select(i => $"user{i}@acme").ToHashSet();

        var outcome = await Reconciler(store, ReconcileMode.Report).ReconcileAsync(listing, s_acme, seen, Ct);

        Assert.Equal((0, 1), (outcome.Deleted, outcome.NotDeleted));
        Assert.Empty(store.Deleted);
        Assert.Equal($"organization 'acme': 1 {Blueprint} entities are no longer returned by GitHub (user0@acme); not deleted because RECONCILE_MODE=report.", Assert.Single(outcome.Notes));
    }

    [Fact]
    public async Task ReconcileAsync_ManyStale_DeletesInCallsOfAtMost100()
    {
        var store = new RecordingStore();
        var listing = Held([.. Enumerable.Range(0, 250).Select(i => $"user{i:D3}@acme")]);

        var outcome = await Reconciler(store, ReconcileMode.Delete).ReconcileAsync(listing, s_acme with { Threshold = 1 }, new HashSet<string>(), Ct);

        Assert.Equal(250, outcome.Deleted);
        Assert.Equal([100, 100, 50], store.Calls);
        Assert.EndsWith("(user000@acme, user001@acme, user002@acme, user003@acme, user004@acme and 245 more).", Assert.Single(outcome.Notes), StringComparison.Ordinal);
    }

    private static HeldEntities Held(IEnumerable<string> identifiers) =>
        new(Blueprint, identifiers.Select(id => new HeldEntity(id, null)), hashesKept: false);

    private static Reconciler Reconciler(IEntityStore store, ReconcileMode mode) =>
        new(store, Options.Create(new ReconcileOptions { Mode = mode }), NullLogger<Reconciler>.Instance);

    private sealed class RecordingStore : IEntityStore
    {
        public List<string> Deleted { get; } = [];

        public List<int> Calls { get; } = [];

        public async IAsyncEnumerable<string> ListIdentifiersAsync(string blueprint, string? identifierPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task<IReadOnlyList<string>> DeleteAsync(string blueprint, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
        {
            Calls.Add(identifiers.Count);
            Deleted.AddRange(identifiers);
            return Task.FromResult<IReadOnlyList<string>>([.. identifiers]);
        }
    }
}
