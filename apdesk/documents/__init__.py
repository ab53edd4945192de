"""The policy's documents, rendered with ReportLab from domain objects, and PDF signatures."""
