/**
 * The bits of household.deprived that the generator's people are made to agree with
 * (./people.ts), named once from server/mpi/indicators.ts.
 */
import { indicatorBit } from '../mpi/indicators.js';

export const NEWBORN = indicatorBit('newborn_weight');
export const PRESCHOOL = indicatorBit('preschool_care');
export const SCHOOL = indicatorBit('compulsory_school');
export const YOUTH = indicatorBit('continue_m4');
export const LITERACY = indicatorBit('adult_literacy');
export const WORK = indicatorBit('work_15_59');
export const WORK_60 = indicatorBit('work_60_plus');
export const INCOME = indicatorBit('income_threshold');
export const ELDERLY_CARE = indicatorBit('elderly_care');
export const DISABLED_CARE = indicatorBit('disabled_care');
