/**
 * The omnistock audit tool ({@link io.omnistock.journal.cli.AuditTool}, picocli): {@code dump}, {@code history},
 * {@code stock}, {@code verify} and {@code import} over a data directory's journal. Built as the executable jar
 * {@code journal/target/omnistock-audit.jar}; documented in {@code docs/audit-tool.md}, the import formats in
 * {@code docs/import-format.md}.
 */
package io.omnistock.journal.cli;
