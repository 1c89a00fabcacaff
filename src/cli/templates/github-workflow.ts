/**
 * The GitHub Actions workflow `interspec init` writes, and the one docs/ci.md shows (a test keeps the two equal):
 * check with annotations, SARIF to code scanning, checklist and matrix as job summary and artifacts, and a
 * gate job on go-live branches (`go-live/<gate name>`).
 */
/**
 * The composite action in this repository that builds and installs the CLI; the workflow pins it by release tag
 * (`v<version>`), which exists for every release, unlike an npm package.
 */
export const SETUP_ACTION = 'interspec/interspec/.github/actions/setup-interspec';

export function githubWorkflow(version: string): string {
    return `# Interspec: checks the integration specification on every pull request.
# Written by \`interspec init\`; the Interspec docs (docs/ci.md) explain each step.
name: interspec

on:
  pull_request:
  push:
    branches: [main, 'go-live/**']

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write # upload SARIF to code scanning
    steps:
      - uses: actions/checkout@v4
      - uses: ${SETUP_ACTION}@v${version}
      - name: Check the specification
        # Annotations on the diff (github), code scanning (sarif), and the job summary (markdown).
        run: >-
          interspec check
          --format github
          --format sarif -o interspec-results/interspec.sarif
          --format markdown -o interspec-results/summary.md
      - name: Job summary
        if: \${{ !cancelled() && hashFiles('interspec-results/summary.md') != '' }}
        run: cat interspec-results/summary.md >> "$GITHUB_STEP_SUMMARY"
      - name: Upload to code scanning
        if: \${{ !cancelled() && hashFiles('interspec-results/interspec.sarif') != '' }}
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: interspec-results/interspec.sarif
          category: interspec

  reports:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ${SETUP_ACTION}@v${version}
      - name: Test matrix and go-live checklist
        run: |
          interspec checklist --format markdown --out interspec-reports
          interspec checklist --format html --out interspec-reports
          interspec matrix --format markdown --out interspec-reports
          interspec matrix --format markdown --summary --out interspec-reports
          interspec matrix --format csv --out interspec-reports
          interspec matrix --format html --out interspec-reports
          cat interspec-reports/checklist.md interspec-reports/test-matrix-summary.md >> "$GITHUB_STEP_SUMMARY"
      - uses: actions/upload-artifact@v4
        with:
          name: interspec-reports
          path: interspec-reports/

  gate:
    # A pull request from, or a push to, go-live/<gate> is blocked until that gate is GO.
    if: startsWith(github.head_ref, 'go-live/') || startsWith(github.ref, 'refs/heads/go-live/')
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ${SETUP_ACTION}@v${version}
      - name: Go-live gate
        env:
          BRANCH: \${{ github.head_ref || github.ref_name }}
        run: interspec gate "\${BRANCH#go-live/}"
`;
}
