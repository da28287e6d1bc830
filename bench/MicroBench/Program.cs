using BenchmarkDotNet.Running;

// Micro-benchmarks of the per-record work: parsing GitHub's NDJSON and Microsoft Graph's CSV reports, mapping records to
// Port entities and serializing them as the sink sends them. Allocations are reported per record.
// Usage: dotnet run -c Release --project bench/MicroBench -- [--filter '*'] [--job short]
BenchmarkSwitcher.FromAssembly(typeof(MicroBench.ReportInputs).Assembly).Run(args);
