/**
 * A ticket's automatic review and its routing: the review delegate and {@code TicketReview}, and the approval
 * decision ({@code sqlTicketApproval}) evaluated by Tollgate from the latest deployed table ({@code ApprovalRouting},
 * {@code LatestApprovalDecision}).
 */
package io.tollgate.engine.ticket.internal.review;
