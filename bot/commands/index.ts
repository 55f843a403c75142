import type { CommandDefinition } from '../command.ts';
import { alertAddCommand, alertListCommand, alertRemoveCommand } from './alert.ts';
import { forecastCommand } from './forecast.ts';
import { helpCommand } from './help.ts';
import { modelApproveCommand, modelPromoteCommand, modelRejectCommand, modelRetrainCommand, modelRollbackCommand, modelStatusCommand } from './model.ts';
import { priceCommand } from './price.ts';
import { reportCommand } from './report.ts';
import { subscribeCommand, unsubscribeCommand } from './subscribe.ts';

/** The one command list every surface loops over. */
export const COMMANDS: readonly CommandDefinition[] = [
  forecastCommand,
  priceCommand,
  alertAddCommand,
  alertListCommand,
  alertRemoveCommand,
  reportCommand,
  subscribeCommand,
  unsubscribeCommand,
  modelStatusCommand,
  modelRetrainCommand,
  modelPromoteCommand,
  modelApproveCommand,
  modelRejectCommand,
  modelRollbackCommand,
  helpCommand(() => COMMANDS),
] as CommandDefinition[];
