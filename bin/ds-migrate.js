#!/usr/bin/env node
import { runCli } from "../dist/src/cli.js";

runCli();
