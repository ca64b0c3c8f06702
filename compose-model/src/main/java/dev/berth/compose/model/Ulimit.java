package dev.berth.compose.model;

/** A ulimit; written as one number, soft and hard are equal. */
public record Ulimit(long soft, long hard, boolean single) {}
