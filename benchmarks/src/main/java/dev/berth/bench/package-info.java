/**
 * Benchmarks, kept apart from the tests: JMH classes ({@code *Benchmark}) and bench commands that time
 * Berth side by side with its peers in one run ({@code *Bench}). Run them with {@code benchmarks/run};
 * figures go to {@code docs/PERFORMANCE.md}.
 */
package dev.berth.bench;
