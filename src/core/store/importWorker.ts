/** Entry of the worker thread that checks one large import (see ImportChecker); it ends after one reply. */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareImport, type ImportJob } from './prepareImport.ts';

parentPort?.postMessage(prepareImport(workerData as ImportJob));
