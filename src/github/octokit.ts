import type { ProbotOctokit } from "probot";

/** The authenticated client Probot hands a handler: REST, GraphQL, pagination, config, retries, throttling. */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** The repository a job works on. */
export interface RepoRef {
  owner: string;
  repo: string;
}
